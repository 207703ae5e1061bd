using InvitationKit.Diagnostics;
using InvitationKit.Limits;
using InvitationKit.Ports;

namespace InvitationKit;

/// <summary>
/// Asking for a new invitation (rule 22): the holder of an expired or revoked invitation's link asks its inviter, or the
/// account's managers, for a new one. The answer is the same for every link — unknown, live, accepted, declined, asked
/// already, over a limit — so it tells the holder nothing the link did not. Only an expired or revoked invitation, of an
/// account the host has not disabled, not asked about before, within its address's limit, queues a notice: in the same
/// compare-and-swap that marks the invitation asked, so the notice outbox (<see cref="Delivery.InvitationNoticeSender"/>)
/// sends it once even if this process dies now.
/// </summary>
internal sealed partial class InvitationManager
{
    public async Task<InvitationResult<bool>> RequestNewInvitationAsync(string secret, string? partitionKey = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(secret);
        cancellationToken.ThrowIfCancellationRequested();
        if (_noticeMailer is null)
        {
            return InvitationErrors.NewInvitationRequestsOff();
        }

        // The client's limit is taken before the link is looked up, as the endpoints' previews are: it is the same for
        // every link, so refusing it reveals nothing.
        if (partitionKey is not null
            && await RateLimitAsync(RateLimitedOperation.NewInvitationRequestByPartition, partitionKey, 1, "requests for a new invitation", cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        if (!await TryQueueNewInvitationNoticeAsync(secret, cancellationToken).ConfigureAwait(false))
        {
            Log.NewInvitationRequestIgnored(_logger);
        }

        return true;
    }

    /// <summary>Queues the notice when the link names an invitation that may be asked about; false when it queued none.</summary>
    private async Task<bool> TryQueueNewInvitationNoticeAsync(string secret, CancellationToken cancellationToken)
    {
        var found = await FindBySecretAsync(secret, cancellationToken).ConfigureAwait(false);
        if (found is null
            || !MayAskAgain(found, _clock.GetCurrentInstant())
            || await _accounts.FindAsync(found.AccountId, cancellationToken).ConfigureAwait(false) is not { IsDisabled: false })
        {
            return false;
        }

        // Counted only now, so that only a request that would tell someone uses the address's allowance.
        var permit = await _rateLimiter.AcquireAsync(RateLimitedOperation.NewInvitationRequestByAddress, _hasher.RecipientPartition(found.EmailKey), 1, cancellationToken).ConfigureAwait(false);
        if (!permit.Acquired)
        {
            _telemetry.RateLimited(RateLimitedOperation.NewInvitationRequestByAddress);
            return false;
        }

        var asked = await UpdateAsync(
            found,
            (current, now) => MayAskAgain(current, now)
                ? current with { NewInvitationRequestedAt = now, NoticeKind = InvitationNoticeKind.NewInvitationRequested, NoticeDueAt = now, NoticeAttempts = 0 }
                : InvitationErrors.InvitationNotFound(),
            cancellationToken,
            current => current.SecretHash == found.SecretHash).ConfigureAwait(false);
        if (!asked.TryGetValue(out var stored))
        {
            return false;
        }

        Log.NewInvitationRequested(_logger, stored.Id, stored.AccountId);
        await PublishAsync(InvitationEventKind.NewInvitationRequested, stored.AccountId, stored.Id, stored.UserId, null, stored.NewInvitationRequestedAt!.Value).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// Whether a new invitation may be asked for with this invitation's link: it expired or was revoked (one the invitee
    /// declined is not asked about again), its address is not erased, it was not asked about before, and no notice about
    /// it is in flight.
    /// </summary>
    private static bool MayAskAgain(Invitation invitation, NodaTime.Instant now) =>
        InvitationStatusMachine.EffectiveStatus(invitation, now) is InvitationStatus.Expired or InvitationStatus.Revoked
        && invitation.Email.Length > 0
        && invitation.NewInvitationRequestedAt is null
        && invitation.NoticeDueAt is null;
}
