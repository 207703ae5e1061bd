using InvitationKit.Diagnostics;
using InvitationKit.Limits;
using InvitationKit.Ports;
using InvitationKit.Products;
using NodaTime;

namespace InvitationKit;

/// <summary>
/// The one check of an invite up to its write, run by <see cref="InviteAsync"/> before it writes and by
/// <see cref="CheckInviteAsync"/> instead of writing, so the dry run and the invite never disagree.
/// </summary>
internal sealed partial class InvitationManager
{
    public async Task<InvitationResult<InviteCheck>> CheckInviteAsync(Actor actor, InviteRequest request, CancellationToken cancellationToken = default)
    {
        var checkedInvite = await CheckBatchAsync(actor, request, cancellationToken).ConfigureAwait(false);
        if (!checkedInvite.TryGetValue(out var plan))
        {
            return checkedInvite.ConvertError<InviteCheck>();
        }

        if (plan.Prior is { } prior)
        {
            // The invite would replay the earlier outcome, or refuse a key reused for another request; either way it creates nothing.
            return !string.Equals(prior.RequestFingerprint, plan.Fingerprint, StringComparison.Ordinal)
                ? InvitationErrors.IdempotencyKeyReused()
                : new InviteCheck([], new SeatImpact(plan.Limit, await _stores.Members.CountOccupiedSeatsAsync(plan.Account.Id, plan.Now, cancellationToken).ConfigureAwait(false), 0)) { Replays = true };
        }

        // Rule 2 without the write: the memberships, pending invitations and seats the insert would check atomically, read
        // as a refused invite reads them, so the dry run reports what the invite would.
        var seats = await AddStoredProblemsAsync(plan.Account.Id, plan.Limit, plan.Recipients, plan.Now, plan.Errors, cancellationToken).ConfigureAwait(false);
        Log.InviteChecked(_logger, plan.Account.Id, plan.Errors.Count);
        return new InviteCheck(plan.Errors, seats) { Reissued = [.. plan.Reissues.Select(r => r.Recipient.Email.Value)] };
    }

    /// <summary>
    /// Everything an invite checks before it writes, in order: ids, batch size and mode (rule 1), the actor's throttle,
    /// the actor's right to manage the account (rule 6), the account's throttle, the product (rule 7), a repeated
    /// idempotency key, then every recipient (rules 1, 3–6, 8) and the pending invitations to reissue (rule 5). A failure is a refusal of the request itself; the
    /// recipients' problems are collected in the plan. Rule 2 is left to the caller: the invite's insert checks it
    /// atomically, the dry run reads it. With <c>hostDelivered</c> (rule 24) the links go to the actor, which only owners and
    /// admins may have.
    /// </summary>
    private async Task<InvitationResult<InvitePlan>> CheckBatchAsync(Actor actor, InviteRequest request, CancellationToken cancellationToken, bool hostDelivered = false)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(request.Recipients);
        cancellationToken.ThrowIfCancellationRequested();
        if ((CheckId("actor user id", actor.UserId) ?? CheckId("account id", request.AccountId) ?? CheckId("product id", request.ProductId)
            ?? (request.IdempotencyKey is { } key ? CheckId("idempotency key", key) : null)) is { } invalid)
        {
            return invalid;
        }

        // Rule 1: batch size, checked before anything else so a hostile 10 000-recipient request costs nothing.
        var count = request.Recipients.Count;
        if (CheckBatchSize(count, _options.MaxBatchSize) is { } badSize)
        {
            return badSize;
        }

        if (!Enum.IsDefined(request.Mode))
        {
            return InvitationErrors.InvalidInput("invite mode", request.Mode.ToString());
        }

        if (!Enum.IsDefined(request.WhenPending))
        {
            return InvitationErrors.InvalidInput("pending invitation choice", request.WhenPending.ToString());
        }

        // Rule 25: the options per invitation, within the deployment's bounds — read nothing, so checked before any throttle.
        var invitationOptions = InvitationOptionsCheck.Check(request, _options);
        if (!invitationOptions.TryGetValue(out var chosen))
        {
            return invitationOptions.ConvertError<InvitePlan>();
        }

        // The actor's throttle, before any lookup: every recipient costs a permit, so probing registration state is not
        // free — with a dry run as with an invite, which answer alike.
        if (await RateLimitAsync(RateLimitedOperation.InviteByActor, actor.UserId, count, "invitation", cancellationToken).ConfigureAwait(false) is { } limited)
        {
            return limited;
        }

        var managed = await FindManagedAccountAndEmailDomainsAsync(actor, request.AccountId, cancellationToken).ConfigureAwait(false);
        if (!managed.TryGetValue(out var found))
        {
            return managed.ConvertError<InvitePlan>();
        }

        // Rule 24: the links are handed only to owners and admins; a USER_ADMIN who may invite by mail is refused.
        if (hostDelivered && !found.Managed.Access.CanGrantOwner)
        {
            return InvitationErrors.HostDeliveryNotAllowed();
        }

        // The account's throttle only once the actor may manage it: a stranger cannot spend another account's budget.
        if (await RateLimitAsync(RateLimitedOperation.InviteByAccount, request.AccountId, count, "invitation", cancellationToken).ConfigureAwait(false) is { } accountLimited)
        {
            return accountLimited;
        }

        var ((account, access), domains) = found;
        var invitable = await InvitableProduct.FindAsync(_products, request.ProductId, cancellationToken).ConfigureAwait(false);
        if (!invitable.TryGetValue(out var product))
        {
            return invitable.ConvertError<InvitePlan>();
        }

        var now = _clock.GetCurrentInstant();
        var limit = account.UserLimit ?? _options.DefaultUserLimit;

        // A null recipient is the caller's bug, reported as one before the fingerprint reads the recipients.
        foreach (var recipient in request.Recipients)
        {
            ArgumentNullException.ThrowIfNull(recipient, nameof(request.Recipients));
        }

        // A repeated idempotency key answers with the first outcome before anything is looked up or created.
        var fingerprint = request.IdempotencyKey is null ? null : IdempotentInvites.Fingerprint(actor, request, hostDelivered);
        if (request.IdempotencyKey is { } idempotencyKey
            && await _stores.Invitations.FindIdempotentInviteAsync(account.Id, idempotencyKey, cancellationToken).ConfigureAwait(false) is { } prior)
        {
            return new InvitePlan(account, product, limit, now, fingerprint, [], []) { Prior = prior, Options = chosen };
        }

        // Rules 1, 3–6, 8: check every recipient and collect every problem; rule 5: the pending addresses to reissue.
        var errors = new List<InvitationError>();
        var planned = await PlanRecipientsAsync(actor, request, account, access, domains, errors, cancellationToken).ConfigureAwait(false);
        var reissues = await PlanReissuesAsync(request.WhenPending, account.Id, product, access, planned, now, errors, cancellationToken).ConfigureAwait(false);
        return new InvitePlan(account, product, limit, now, fingerprint, planned, errors) { Reissues = reissues, Options = chosen };
    }

    /// <summary>A checked invite: the recipients who passed and would take a seat, and every problem found so far (rule 8).</summary>
    private sealed record InvitePlan(
        AccountInfo Account, ProductInfo Product, int Limit, Instant Now, string? Fingerprint, List<PlannedRecipient> Recipients, List<InvitationError> Errors)
    {
        /// <summary>The earlier invite recorded under the request's idempotency key; null when none.</summary>
        public IdempotentInvite? Prior { get; init; }

        /// <summary>The recipients whose pending invitation is resent or replaced (rule 5); not in <see cref="Recipients"/>.</summary>
        public List<PlannedReissue> Reissues { get; init; } = [];

        /// <summary>The request's options per invitation (rule 25), as its invitations store them.</summary>
        public required InvitationOptionsCheck.CheckedOptions Options { get; init; }
    }
}
