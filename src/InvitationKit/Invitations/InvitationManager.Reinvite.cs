using InvitationKit.Delivery;
using InvitationKit.Diagnostics;
using InvitationKit.Limits;
using InvitationKit.Permissions;
using InvitationKit.Ports;
using NodaTime;

namespace InvitationKit;

/// <summary>
/// Rule 5: an invite's recipients whose address has a pending invitation to the account, resent or replaced as
/// <see cref="InviteRequest.WhenPending"/> asks — planned by the check the dry run shares, written with the batch.
/// </summary>
internal sealed partial class InvitationManager
{
    /// <summary>
    /// Takes the recipients whose address has an effectively pending invitation in the account out of
    /// <paramref name="planned"/> (they take no seat) and checks each reissue as a resend is checked: not held by an
    /// activation, within the resend limits, not a member's; a resend for the invitation's product only; a replace that withdraws owner
    /// capability by an owner or an admin only. With <see cref="PendingInvitationChoice.Refuse"/> nothing is read.
    /// </summary>
    private async Task<List<PlannedReissue>> PlanReissuesAsync(
        PendingInvitationChoice choice, string accountId, ProductInfo product, AccountAccess access, List<PlannedRecipient> planned, Instant now,
        List<InvitationError> errors, CancellationToken cancellationToken)
    {
        var reissues = new List<PlannedReissue>();
        if (choice == PendingInvitationChoice.Refuse)
        {
            return reissues;
        }

        var position = -1;
        foreach (var recipient in planned.ToArray())
        {
            position++;
            var pending = (await _stores.Invitations.FindPendingByEmailAsync(recipient.Email.Key, accountId, cancellationToken).ConfigureAwait(false))
                .FirstOrDefault(p => p.AccountId == accountId && InvitationStatusMachine.EffectiveStatus(p, now) == InvitationStatus.Pending);
            if (pending is null)
            {
                continue;
            }

            // A member keeps being AlreadyMember, as without a choice (the store checks memberships of new invitations only).
            var email = recipient.Email.Value;
            if (recipient.RegisteredUser is { } user && await _stores.Members.FindMemberAsync(accountId, user.Id, cancellationToken).ConfigureAwait(false) is not null)
            {
                errors.Add(InvitationErrors.AlreadyMember(email));
            }

            var problem = _claims.IsHeld(pending, now) ? InvitationErrors.ActivationInProgress(email)
                : choice == PendingInvitationChoice.Resend && pending.ProductId != product.Id ? InvitationErrors.AlreadyInvited(email)
                : choice == PendingInvitationChoice.Replace && pending.GrantsOwner && !recipient.GrantsOwner && !access.CanGrantOwner ? InvitationErrors.OwnerGrantNotAllowed(email)
                : CheckResendLimits(pending, now) is { } limit ? (limit.Recipient is null ? InvitationErrors.ResendLimitReached(_options.MaxSends, email) : limit)
                : null;
            if (problem is not null)
            {
                errors.Add(problem);
            }

            reissues.Add(new PlannedReissue(recipient, pending, position));
            planned.Remove(recipient);
        }

        return reissues;
    }

    /// <summary>
    /// The resend throttle of each reissued invitation, charged once everything else let the invite through (as
    /// <see cref="ResendAsync"/> charges it last); the dry run charges none.
    /// </summary>
    private async Task<InvitationError?> ChargeResendThrottleAsync(List<PlannedReissue> reissues, CancellationToken cancellationToken)
    {
        foreach (var reissue in reissues)
        {
            if (await RateLimitAsync(RateLimitedOperation.Resend, reissue.Current.Id.ToString("N"), 1, "resend", cancellationToken).ConfigureAwait(false) is { } limited)
            {
                return limited;
            }
        }

        return null;
    }

    /// <summary>
    /// The reissued invitation as the batch stores it (at the revision read; the store advances it): a fresh link and
    /// code, expiry renewed, counted as a send, its outbox lease taken — and with <see cref="PendingInvitationChoice.Replace"/>
    /// the request's product, roles, owner flag and options per invitation (rule 25), its expiry renewed by the request's
    /// lifetime. A resend keeps the invitation's own options and lifetime. The kind follows the directory as a resend's does.
    /// </summary>
    private OutgoingMail Reissue(PlannedReissue reissue, PendingInvitationChoice choice, InvitationOptionsCheck.CheckedOptions options, AccountInfo account, ProductInfo product, Instant now)
    {
        var current = reissue.Current;
        var registered = reissue.Recipient.RegisteredUser;
        var forWhoeverRegisters = current is { Kind: InvitationKind.ExistingUser, UserId: null };
        var kind = registered is null && !forWhoeverRegisters ? InvitationKind.NewUser : InvitationKind.ExistingUser;
        var secrets = _secrets.Issue(current.Id, kind);
        var changed = Resent(current, secrets, kind, registered?.Id, now);
        if (choice == PendingInvitationChoice.Replace)
        {
            changed = changed with
            {
                ProductId = product.Id,
                Roles = reissue.Recipient.Roles,
                GrantsOwner = reissue.Recipient.GrantsOwner,
                ExpiresAt = ExpiryFrom(now, options.Lifetime),
                Lifetime = options.Lifetime,
                Metadata = options.Metadata,
                ReturnUrl = options.ReturnUrl,
                Language = options.Language,
            };
        }

        return new OutgoingMail(changed, secrets, account, product, IsResend: choice == PendingInvitationChoice.Resend);
    }

    /// <summary>The log line and events of the reissued invitations: each resent, and a replaced one whose roles or owner flag changed also changed roles.</summary>
    private async Task PublishReissuedAsync(List<PlannedReissue> reissues, IReadOnlyList<OutgoingMail> mails, PendingInvitationChoice choice, string accountId, string actorId, Instant now)
    {
        if (reissues.Count > 0)
        {
            Log.InvitationsReissued(_logger, choice, reissues.Count, accountId, actorId);
        }

        for (var i = 0; i < reissues.Count; i++)
        {
            var (before, after) = (reissues[i].Current, mails[i].Invitation);
            if (!before.Roles.SequenceEqual(after.Roles, StringComparer.Ordinal) || before.GrantsOwner != after.GrantsOwner || before.ProductId != after.ProductId)
            {
                await PublishAsync(InvitationEventKind.RolesChanged, after.AccountId, after.Id, after.UserId, actorId, now).ConfigureAwait(false);
            }

            await PublishAsync(InvitationEventKind.Resent, after.AccountId, after.Id, after.UserId, actorId, now).ConfigureAwait(false);
        }
    }

    /// <summary>The mails of new and reissued invitations in the order of their recipients in the request, each with what the invite does with it.</summary>
    private static List<(OutgoingMail Mail, InviteDisposition Disposition)> InRequestOrder(
        List<OutgoingMail> issued, List<OutgoingMail> reissued, List<PlannedReissue> reissues, PendingInvitationChoice choice)
    {
        var reissuedAs = choice == PendingInvitationChoice.Replace ? InviteDisposition.Replaced : InviteDisposition.Resent;
        var ordered = new List<(OutgoingMail, InviteDisposition)>(issued.Count + reissued.Count);
        var (created, again) = (0, 0);
        for (var position = 0; position < issued.Count + reissued.Count; position++)
        {
            ordered.Add(again < reissues.Count && reissues[again].Position == position
                ? (reissued[again++], reissuedAs)
                : (issued[created++], InviteDisposition.Created));
        }

        return ordered;
    }

    /// <summary>A recipient whose address has a pending invitation, which the invite resends or replaces.</summary>
    /// <param name="Recipient">The recipient as checked.</param>
    /// <param name="Current">The pending invitation, as read.</param>
    /// <param name="Position">The recipient's place among the planned recipients, for the outcome's request order.</param>
    private sealed record PlannedReissue(PlannedRecipient Recipient, Invitation Current, int Position);
}
