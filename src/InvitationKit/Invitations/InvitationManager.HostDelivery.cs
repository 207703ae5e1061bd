using InvitationKit.Delivery;
using InvitationKit.Diagnostics;
using InvitationKit.Internal;
using InvitationKit.Ports;
using NodaTime;

namespace InvitationKit;

/// <summary>
/// Invitations delivered by the host (rule 24): an invite whose links are handed once to the owner or admin who makes
/// it, instead of mailed. A new user's code is still mailed, and only the code: it proves control of the address, so it
/// never reaches the inviter.
/// </summary>
internal sealed partial class InvitationManager
{
    public async Task<InvitationResult<HostDeliveryOutcome>> InviteForHostDeliveryAsync(Actor actor, InviteRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);

        // Off by default: refused before anything is read or charged.
        if (!_options.AllowHostDelivery)
        {
            Log.HostDeliveryRefused(_logger, Identifier.Excerpt(request.AccountId, 40), Identifier.Excerpt(actor.UserId, 40), InvitationErrorCode.HostDeliveryDisabled);
            return InvitationErrors.HostDeliveryDisabled();
        }

        // Only creates: a pending invitation's link was mailed (or handed out) already, and is resent by mail.
        if (request.WhenPending != PendingInvitationChoice.Refuse)
        {
            return InvitationErrors.HostDeliveryReissue();
        }

        // Rules 1–8 as for a mailed invite (the same check, throttles and idempotency), and only owners and admins.
        var checkedInvite = await CheckBatchAsync(actor, request, cancellationToken, hostDelivered: true).ConfigureAwait(false);
        if (!checkedInvite.TryGetValue(out var plan))
        {
            if (checkedInvite.Errors[0].Code == InvitationErrorCode.HostDeliveryNotAllowed)
            {
                Log.HostDeliveryRefused(_logger, request.AccountId, actor.UserId, InvitationErrorCode.HostDeliveryNotAllowed);
            }

            return checkedInvite.ConvertError<HostDeliveryOutcome>();
        }

        var (account, product, limit, now, fingerprint, planned, errors) = plan;
        if (plan.Prior is { } prior)
        {
            return await ReplayForHostAsync(account.Id, prior, fingerprint!, cancellationToken).ConfigureAwait(false);
        }

        if (errors.Count > 0)
        {
            await AddStoredProblemsAsync(account.Id, limit, planned, now, errors, cancellationToken).ConfigureAwait(false);
            Log.InviteRefused(_logger, account.Id, errors.Count, errors[0].Code);
            return InvitationResult<HostDeliveryOutcome>.Failure(errors);
        }

        var issued = planned.Select(p => ForHost(Issue(p, plan.Options, account, product, actor.UserId, now))).ToList();
        using var clearSecrets = new DisposeAll(issued.Select(mail => mail.Secrets)); // handed over or not, the kit's copies are zeroed on the way out
        cancellationToken.ThrowIfCancellationRequested();
        var batch = new InvitationBatch(account.Id, limit, now, [.. issued.Select(i => i.Invitation)])
        {
            IdempotencyKey = request.IdempotencyKey,
            RequestFingerprint = fingerprint,
        };
        var inserted = await _stores.Invitations.InsertBatchAsync(batch, cancellationToken).ConfigureAwait(false);
        if (inserted.Status == BatchInsertStatus.IdempotencyKeyUsed)
        {
            // The same key raced in from another caller and committed first: its outcome, without the secrets it handed out, is the answer.
            return await _stores.Invitations.FindIdempotentInviteAsync(account.Id, request.IdempotencyKey!, cancellationToken).ConfigureAwait(false) is { } raced
                ? await ReplayForHostAsync(account.Id, raced, fingerprint!, cancellationToken).ConfigureAwait(false)
                : InvitationErrors.ConcurrencyConflict();
        }

        if (inserted.Status != BatchInsertStatus.Inserted)
        {
            return InvitationResult<HostDeliveryOutcome>.Failure(StoreRefusal(inserted, issued, account.Id, limit));
        }

        // The links, as the caller's strings, taken before the code mails zero the kit's buffers.
        var links = issued.Select(mail => mail.Secrets.SecretText()).ToList();
        await CreatePendingUsersAsync(planned, batch, cancellationToken).ConfigureAwait(false);
        Log.InvitationsCreated(_logger, issued.Count, account.Id, actor.UserId);
        Log.LinksHandedToHost(_logger, issued.Count, account.Id, actor.UserId);
        foreach (var mail in issued)
        {
            await PublishAsync(InvitationEventKind.Created, account.Id, mail.Invitation.Id, mail.Invitation.UserId, actor.UserId, now).ConfigureAwait(false);
            await PublishAsync(InvitationEventKind.HandedToHost, account.Id, mail.Invitation.Id, mail.Invitation.UserId, actor.UserId, now).ConfigureAwait(false);
        }

        // A new user's code is mailed (the message says the host delivers the link, and carries none); as for any mail,
        // its outbox lease was stored with the batch, so the dispatcher finishes what this attempt cannot.
        var codes = issued.Where(mail => mail.Invitation.Kind == InvitationKind.NewUser).ToList();
        var sent = (await _sender.SendAsync(codes, cancellationToken).ConfigureAwait(false)).ToDictionary(i => i.Id);
        return new HostDeliveryOutcome([.. issued.Select((mail, i) => new HostDeliveredInvitation(View(sent.GetValueOrDefault(mail.Invitation.Id) ?? mail.Invitation, now), links[i]))]);
    }

    /// <summary>
    /// The invitation of a host-delivered invite: its link is never mailed. An existing user's has no mail at all, so no
    /// outbox entry; a new user's keeps the lease of its code's mail.
    /// </summary>
    private static OutgoingMail ForHost(OutgoingMail mail) => mail with
    {
        Invitation = mail.Invitation.Kind == InvitationKind.NewUser
            ? mail.Invitation with { HostDelivered = true }
            : mail.Invitation with { HostDelivered = true, Delivery = DeliveryState.HandedToHost, DeliveryAttempts = 0, NextDeliveryAt = null },
    };

    /// <summary>The replay of a host-delivered invite: its invitations as they are now, and no secret — it was handed out once.</summary>
    private async Task<InvitationResult<HostDeliveryOutcome>> ReplayForHostAsync(string accountId, IdempotentInvite prior, string fingerprint, CancellationToken cancellationToken)
    {
        var replayed = await ReplayAsync(accountId, prior, fingerprint, PendingInvitationChoice.Refuse, cancellationToken).ConfigureAwait(false);
        if (!replayed.TryGetValue(out var outcome))
        {
            return replayed.ConvertError<HostDeliveryOutcome>();
        }

        Log.HostDeliveryReplayed(_logger, accountId, outcome.Invitations.Count);
        return new HostDeliveryOutcome([.. outcome.Invitations.Select(view => new HostDeliveredInvitation(view, Secret: null))]) { IsReplay = true };
    }
}
