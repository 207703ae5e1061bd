using InvitationKit.Diagnostics;
using InvitationKit.Otp;
using InvitationKit.Permissions;
using InvitationKit.Ports;

namespace InvitationKit;

internal sealed partial class InvitationManager
{
    private const int ExpireBatchSize = 100;

    public async Task<InvitationResult<InvitationView>> ResendAsync(Actor actor, Guid invitationId, CancellationToken cancellationToken = default)
    {
        var found = await FindManagedAsync(actor, invitationId, cancellationToken).ConfigureAwait(false);
        if (!found.TryGetValue(out var managed))
        {
            return InvitationResult<InvitationView>.Failure(found.Errors);
        }

        var invitation = managed.Invitation;
        var account = await _accounts.FindAsync(invitation.AccountId, cancellationToken).ConfigureAwait(false);
        var product = await _products.FindAsync(invitation.ProductId, cancellationToken).ConfigureAwait(false);
        if (account is null)
        {
            return InvitationErrors.AccountNotFound(invitation.AccountId);
        }

        if (product is null)
        {
            return InvitationErrors.ProductNotFound(invitation.ProductId);
        }

        // Rule 12: a fresh secret (the old one stops working), attempts reset, expiry renewed.
        var secret = SecretGenerator.Generate(OtpFormat.UrlSafeToken, SecretGenerator.LinkTokenBytes);
        var otp = invitation.Kind == InvitationKind.NewUser ? SecretGenerator.Generate(_options.OtpFormat, _options.OtpLength) : null;
        var resent = await UpdateAsync(
            invitation,
            (current, now) => InvitationStatusMachine.EnsurePending(current, now) ?? (InvitationResult<Invitation>)(current with
            {
                SecretHash = _hasher.HashLinkToken(secret),
                OtpHash = otp is null ? null : _hasher.HashOtp(current.Id, otp),
                FailedOtpAttempts = 0,
                ExpiresAt = now + _options.InvitationLifetime,
                Delivery = DeliveryState.NotSent,
                SendCount = current.SendCount + 1,
                Revision = current.Revision + 1,
            }),
            cancellationToken).ConfigureAwait(false);
        if (!resent.TryGetValue(out var stored))
        {
            return InvitationResult<InvitationView>.Failure(resent.Errors);
        }

        Log.Resent(_logger, stored.Id);
        var now = _clock.GetCurrentInstant();
        await PublishAsync(InvitationEventKind.Resent, stored.AccountId, stored.Id, stored.UserId, actor.UserId, now).ConfigureAwait(false);
        var delivered = await DeliverAsync(stored, secret, otp, account, product, isResend: true, cancellationToken).ConfigureAwait(false);
        return InvitationView.From(delivered, now);
    }

    public async Task<InvitationResult<InvitationView>> RevokeAsync(Actor actor, Guid invitationId, CancellationToken cancellationToken = default)
    {
        var found = await FindManagedAsync(actor, invitationId, cancellationToken).ConfigureAwait(false);
        if (!found.TryGetValue(out var managed))
        {
            return InvitationResult<InvitationView>.Failure(found.Errors);
        }

        // Rule 13: the seat is freed at once, because only pending invitations occupy seats.
        var revoked = await UpdateAsync(
            managed.Invitation,
            (current, now) => InvitationStatusMachine.EnsurePending(current, now) ?? (InvitationResult<Invitation>)InvitationStatusMachine.Transition(current, InvitationStatus.Revoked, now, actor.UserId),
            cancellationToken).ConfigureAwait(false);
        return await CompleteTransitionAsync(revoked, InvitationEventKind.Revoked, actor.UserId).ConfigureAwait(false);
    }

    public async Task<InvitationResult<InvitationView>> ChangeRolesAsync(
        Actor actor, Guid invitationId, IReadOnlyList<string> roles, bool grantOwner, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(roles);
        var found = await FindManagedAsync(actor, invitationId, cancellationToken).ConfigureAwait(false);
        if (!found.TryGetValue(out var managed))
        {
            return InvitationResult<InvitationView>.Failure(found.Errors);
        }

        var normalized = NormalizeRoles(roles, managed.Invitation.Email);
        if (!normalized.TryGetValue(out var newRoles))
        {
            return InvitationResult<InvitationView>.Failure(normalized.Errors);
        }

        // Rule 14 under rule 6: granting or withdrawing owner capability needs an owner or an admin.
        var changed = await UpdateAsync(
            managed.Invitation,
            (current, now) => InvitationStatusMachine.EnsurePending(current, now)
                ?? (current.GrantsOwner != grantOwner && !managed.Access.CanGrantOwner
                    ? InvitationErrors.OwnerGrantNotAllowed(current.Email)
                    : (InvitationResult<Invitation>)(current with { Roles = newRoles, GrantsOwner = grantOwner, Revision = current.Revision + 1 })),
            cancellationToken).ConfigureAwait(false);
        if (!changed.TryGetValue(out var stored))
        {
            return InvitationResult<InvitationView>.Failure(changed.Errors);
        }

        Log.RolesChanged(_logger, stored.Id);
        var at = _clock.GetCurrentInstant();
        await PublishAsync(InvitationEventKind.RolesChanged, stored.AccountId, stored.Id, stored.UserId, actor.UserId, at).ConfigureAwait(false);
        return InvitationView.From(stored, at);
    }

    public async Task<int> ExpireOverdueAsync(CancellationToken cancellationToken = default)
    {
        var expired = 0;
        while (true)
        {
            var overdue = await _store.FindOverdueAsync(_clock.GetCurrentInstant(), ExpireBatchSize, cancellationToken).ConfigureAwait(false);
            var progress = 0;
            foreach (var invitation in overdue)
            {
                var result = await UpdateAsync(
                    invitation,
                    (current, now) => current.Status == InvitationStatus.Pending && InvitationStatusMachine.EffectiveStatus(current, now) == InvitationStatus.Expired
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

        return expired;
    }

    /// <summary>Finds an invitation the actor may manage (rule 6).</summary>
    private async Task<InvitationResult<ManagedInvitation>> FindManagedAsync(Actor actor, Guid invitationId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (CheckId("actor user id", actor.UserId) is { } invalid)
        {
            return invalid;
        }

        var invitation = await _store.FindByIdAsync(invitationId, cancellationToken).ConfigureAwait(false);
        if (invitation is null)
        {
            return InvitationErrors.InvitationNotFound();
        }

        var access = await GetAccessAsync(actor, invitation.AccountId, cancellationToken).ConfigureAwait(false);
        return access.CanManage ? new ManagedInvitation(invitation, access) : InvitationErrors.PermissionDenied();
    }

    private sealed record ManagedInvitation(Invitation Invitation, AccountAccess Access);
}
