using InvitationKit.Delivery;
using InvitationKit.Diagnostics;
using InvitationKit.Limits;
using InvitationKit.Permissions;
using InvitationKit.Ports;
using InvitationKit.Products;
using InvitationKit.Secrets;
using NodaTime;

namespace InvitationKit;

internal sealed partial class InvitationManager
{
    private const int ExpireBatchSize = 100;

    public async Task<InvitationResult<InvitationView>> ResendAsync(Actor actor, Guid invitationId, CancellationToken cancellationToken = default)
    {
        var found = await FindManagedAsync(actor, invitationId, cancellationToken).ConfigureAwait(false);
        if (!found.TryGetValue(out var managed))
        {
            return found.ConvertError<InvitationView>();
        }

        var (invitation, _, account) = managed;
        if (account is null)
        {
            return InvitationErrors.AccountNotFound(invitation.AccountId);
        }

        // The product rules of an invite apply to its resend: a product gone, or now single-account, gets no fresh mail.
        var invitable = await InvitableProduct.FindAsync(_products, invitation.ProductId, cancellationToken).ConfigureAwait(false);
        if (!invitable.TryGetValue(out var product))
        {
            return invitable.ConvertError<InvitationView>();
        }

        // The directory is read again: a new user enabled since the first mail (by any path) gets no code, only a link
        // bound to them, so a resend can never lead to setting an enabled user's password. An invitation for whoever
        // registers with the address (rule 3) never gains a code either: no user was created for it.
        var email = EmailAddress.FromStored(invitation.Email, invitation.EmailKey);
        var registered = Registered(await _users.FindByEmailAsync(email, cancellationToken).ConfigureAwait(false));
        var forWhoeverRegisters = invitation is { Kind: InvitationKind.ExistingUser, UserId: null };

        // Rule 12: a fresh secret and code (the old ones stop working), expiry renewed. The OTP failure budget is the
        // address's and is not reset; the send count and the cooldown are stored, so they hold on every instance. The
        // update is also the outbox entry: if this process dies before the mail is out, the dispatcher sends it.
        var kind = registered is null && !forWhoeverRegisters ? InvitationKind.NewUser : InvitationKind.ExistingUser;

        // The throttle is charged last, for a resend the stored rules allow as of now (they are checked again in the
        // update): one refused (too soon, too many, no longer pending) costs none of the invitation's resends.
        var asOf = _clock.GetCurrentInstant();
        if ((EnsureChangeable(invitation, asOf) ?? CheckResendLimits(invitation, asOf)) is { } refused)
        {
            return refused;
        }

        if (await RateLimitAsync(RateLimitedOperation.Resend, invitation.Id.ToString("N"), 1, "resend", cancellationToken).ConfigureAwait(false) is { } limited)
        {
            return limited;
        }

        using var secrets = _secrets.Issue(invitation.Id, kind); // zeroed on the way out, mailed or not
        var resent = await UpdateAsync(
            invitation,
            (current, now) => EnsureChangeable(current, now) ?? CheckResendLimits(current, now) ?? (InvitationResult<Invitation>)Resent(current, secrets, kind, registered?.Id, now),
            cancellationToken).ConfigureAwait(false);
        if (!resent.TryGetValue(out var stored))
        {
            return resent.ConvertError<InvitationView>();
        }

        Log.Resent(_logger, stored.Id);
        // The resend is stored: from here on, nothing may report a failure, so the clock is not read again (rule: a failure
        // changes nothing, or reports what it changed). The stored instant of the fresh secrets stands for "now".
        var at = stored.IssuedAt;
        await PublishAsync(InvitationEventKind.Resent, stored.AccountId, stored.Id, stored.UserId, actor.UserId, at).ConfigureAwait(false);
        var delivered = await _sender.SendAsync([new OutgoingMail(stored, secrets, account, product, IsResend: true)], cancellationToken).ConfigureAwait(false);
        return View(delivered[0], at);
    }

    // The cooldown keeps an admin from re-mailing a mail on its way; a mail that failed is not on its way, so a resend
    // may follow at once.
    private InvitationError? CheckResendLimits(Invitation invitation, Instant now) =>
        invitation.SendCount >= _options.MaxSends ? InvitationErrors.ResendLimitReached(_options.MaxSends)
        : invitation.Delivery != DeliveryState.Failed && now < invitation.IssuedAt + _options.ResendCooldown ? InvitationErrors.ResendTooSoon(invitation.Email, invitation.IssuedAt + _options.ResendCooldown, invitation.IssuedAt + _options.ResendCooldown - now)
        : null;

    public async Task<InvitationResult<InvitationView>> RevokeAsync(Actor actor, Guid invitationId, CancellationToken cancellationToken = default)
    {
        var found = await FindManagedAsync(actor, invitationId, cancellationToken).ConfigureAwait(false);
        if (!found.TryGetValue(out var managed))
        {
            return found.ConvertError<InvitationView>();
        }

        // A retry after a lost reply: revoked by this very actor is the same success (and makes a release still due).
        if (managed.Invitation is { Status: InvitationStatus.Revoked } done && done.ResolvedBy == actor.UserId)
        {
            await ReleaseIfDueAsync(done).ConfigureAwait(false);
            return View(done, _clock.GetCurrentInstant());
        }

        // Rule 13: the seat is freed at once, because only pending invitations occupy seats.
        var revoked = await UpdateAsync(
            managed.Invitation,
            (current, now) => EnsureChangeable(current, now) ?? (InvitationResult<Invitation>)InvitationStatusMachine.Transition(current, InvitationStatus.Revoked, now, actor.UserId),
            cancellationToken).ConfigureAwait(false);
        return await CompleteTransitionAsync(revoked, InvitationEventKind.Revoked, actor.UserId).ConfigureAwait(false);
    }

    public async Task<InvitationResult<InvitationView>> ChangeRolesAsync(
        Actor actor, Guid invitationId, IReadOnlyList<string> roles, bool? grantsOwner = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(roles);
        var found = await FindManagedAsync(actor, invitationId, cancellationToken).ConfigureAwait(false);
        if (!found.TryGetValue(out var managed))
        {
            return found.ConvertError<InvitationView>();
        }

        var normalized = RoleNames.Normalize(roles, managed.Invitation.Email);
        if (!normalized.TryGetValue(out var newRoles))
        {
            return normalized.ConvertError<InvitationView>();
        }

        // Rule 6: only roles the account offers for the product and the role grant policy lets the actor grant; the roles
        // already on the invitation may stay, even one the catalog no longer offers.
        var refused = new List<InvitationError>();
        var offered = await OfferedRoles.ReadAsync(_roleCatalog, managed.Invitation.AccountId, managed.Invitation.ProductId, cancellationToken).ConfigureAwait(false);
        CheckRoles(actor, managed.Invitation.AccountId, managed.Access, offered, newRoles.Except(managed.Invitation.Roles, StringComparer.Ordinal).ToArray(), managed.Invitation.Email, refused);
        if (refused.Count > 0)
        {
            return InvitationResult<InvitationView>.Failure(refused);
        }

        // Rule 14 under rule 6: granting or withdrawing owner capability needs an owner or an admin.
        var changed = await UpdateAsync(
            managed.Invitation,
            (current, now) => EnsureChangeable(current, now)
                ?? (grantsOwner is { } owner && current.GrantsOwner != owner && !managed.Access.CanGrantOwner
                    ? InvitationErrors.OwnerGrantNotAllowed(current.Email)
                    : (InvitationResult<Invitation>)(current with { Roles = newRoles, GrantsOwner = grantsOwner ?? current.GrantsOwner })),
            cancellationToken).ConfigureAwait(false);
        if (!changed.TryGetValue(out var stored))
        {
            return changed.ConvertError<InvitationView>();
        }

        Log.RolesChanged(_logger, stored.Id);
        var at = _clock.GetCurrentInstant();
        await PublishAsync(InvitationEventKind.RolesChanged, stored.AccountId, stored.Id, stored.UserId, actor.UserId, at).ConfigureAwait(false);
        return View(stored, at);
    }

    public async Task<InvitationResult<int>> ExpireOverdueAsync(CancellationToken cancellationToken = default)
    {
        var expired = 0;
        while (true)
        {
            var overdue = await _stores.Maintenance.FindOverdueAsync(_clock.GetCurrentInstant(), ExpireBatchSize, cancellationToken).ConfigureAwait(false);
            var progress = 0;
            foreach (var invitation in overdue)
            {
                var result = await UpdateAsync(
                    invitation,
                    (current, now) => current.Status == InvitationStatus.Pending && InvitationStatusMachine.EffectiveStatus(current, now) == InvitationStatus.Expired && !_claims.IsHeld(current, now)
                        ? InvitationStatusMachine.Transition(current, InvitationStatus.Expired, now, null)
                        : InvitationErrors.InvitationNotPending(current.Status),
                    cancellationToken).ConfigureAwait(false);
                if (result.TryGetValue(out var stored))
                {
                    progress++;
                    await PublishAsync(InvitationEventKind.Expired, stored.AccountId, stored.Id, stored.UserId, null, stored.ResolvedAt!.Value).ConfigureAwait(false);
                }
            }

            expired += progress;
            if (overdue.Count < ExpireBatchSize || progress == 0)
            {
                break;
            }
        }

        if (expired > 0)
        {
            Log.ExpiredPersisted(_logger, expired);
        }

        // The users pending activation that ended invitations leave behind: those just expired, and any release a
        // revoke, reject or earlier sweep did not live to make.
        await ReleaseDuePendingUsersAsync(cancellationToken).ConfigureAwait(false);

        // Idempotency keys outlive no invitation they could replay. Forgetting them is housekeeping: a failure is logged
        // and tried again by the next sweep, and never turns the expiries stored above into a reported failure.
        try
        {
            await _stores.Maintenance.DeleteIdempotencyKeysAsync(_clock.GetCurrentInstant() - _options.InvitationLifetime, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            Log.IdempotencyKeysNotDeleted(_logger, exception);
        }

        // An address's failure count is forgotten once its window has ended and every code a counted attempt could have
        // matched has expired too (a code lives at most OtpLifetime), unless it is locked out for good: the addresses an
        // anonymous caller sprays do not stay for ever. Housekeeping as above.
        try
        {
            var windowStartedBefore = _clock.GetCurrentInstant() - _options.OtpFailureWindow - _options.OtpLifetime;
            await _stores.OtpBudget.DeleteLapsedOtpFailuresAsync(OtpBudget(), windowStartedBefore, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            Log.OtpFailuresNotDeleted(_logger, exception);
        }

        await EraseFinishedAsync(cancellationToken).ConfigureAwait(false);
        return expired;
    }

    /// <summary>
    /// Finds an invitation the actor may manage (rule 6) in an account the host has not disabled (rule 19), with the
    /// account (null: the directory no longer knows it).
    /// </summary>
    private async Task<InvitationResult<ManagedInvitation>> FindManagedAsync(Actor actor, Guid invitationId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (CheckId("actor user id", actor.UserId) is { } invalid)
        {
            return invalid;
        }

        var invitation = await _stores.Invitations.FindByIdAsync(invitationId, cancellationToken).ConfigureAwait(false);
        if (invitation is null)
        {
            return InvitationErrors.InvitationNotFound();
        }

        var access = await AccountAccess.ReadAsync(actor, invitation.AccountId, _stores.Members, cancellationToken).ConfigureAwait(false);
        if (access.EnsureCanManage() is { } denied)
        {
            return denied;
        }

        var account = await _accounts.FindAsync(invitation.AccountId, cancellationToken).ConfigureAwait(false);
        return EnsureEnabled(account) is { } disabled ? disabled : new ManagedInvitation(invitation, access, account);
    }

    private sealed record ManagedInvitation(Invitation Invitation, AccountAccess Access, AccountInfo? Account);

    /// <summary>When an invitation (re)issued at <paramref name="now"/> expires: after its own lifetime (rule 25), else the deployment's.</summary>
    private Instant ExpiryFrom(Instant now, Duration? lifetime) => now + (lifetime ?? _options.InvitationLifetime);

    /// <summary>
    /// An invitation sent again (a resend, or a re-invite's resend or replace): the fresh secrets, the kind and user the
    /// directory gives now, its expiry renewed by the invitation's own lifetime (rule 25), and a send in flight under a new lease.
    /// </summary>
    private Invitation Resent(Invitation current, IssuedSecrets secrets, InvitationKind kind, string? userId, Instant now) => secrets.ApplyTo(current, now) with
    {
        Kind = kind,
        UserId = userId,
        ExpiresAt = ExpiryFrom(now, current.Lifetime),
        Delivery = DeliveryState.NotSent,
        DeliveryAttempts = 1,
        NextDeliveryAt = _sender.LeaseEnd(now),
        SendCount = current.SendCount + 1,
        HostDelivered = false, // rule 24: resent by mail, a host-delivered invitation is mailed as any other, and the host's link dies
    };
}
