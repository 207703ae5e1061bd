using NodaTime;

namespace InvitationKit.Ports;

/// <summary>
/// Persists invitations, memberships and each user's active account per product. Stores only persist: every rule
/// lives in the manager. Every member is async and honours its <see cref="CancellationToken"/>.
/// </summary>
/// <remarks>
/// <para>The concurrency contract, which the conformance kit in <c>InvitationKit.Testing.Conformance</c> checks:</para>
/// <list type="bullet">
/// <item><see cref="InsertBatchAsync"/> checks seats and pending duplicates and inserts the batch as one atomic step:
/// of two batches racing for the last seats at most one wins, and an account never holds two effectively pending
/// invitations for one email key.</item>
/// <item><see cref="TryUpdateAsync"/> and <see cref="AcceptAsync"/> are compare-and-swap on <see cref="Invitation.Revision"/>:
/// of two racing transitions exactly one wins; the loser sees <c>false</c> / a conflict, never an exception.</item>
/// <item><see cref="TryReserveOtpAttemptAsync"/> is atomic: however many guesses race, no more attempts are reserved
/// than the budget allows, across every process that shares the store.</item>
/// <item><see cref="RemoveMemberAsync"/> never removes an account's last owner, even when owners remove each other at once.</item>
/// </list>
/// <para>Infrastructure failures (a lost connection, a full disk) are thrown; nothing is half-written.</para>
/// </remarks>
public interface IInvitationStore
{
    /// <summary>
    /// Atomically: counts occupied seats (members plus invitations stored as pending with <c>ExpiresAt &gt; Now</c>),
    /// finds pending invitations for the batch's email keys and memberships of the batch's user ids, and inserts the
    /// whole batch only if <c>occupied + count ≤ UserLimit</c>, no key is pending and no user is a member. Otherwise
    /// inserts nothing and reports every finding (<see cref="BatchInsertResult.Decide"/>). Seats are counted here only:
    /// the manager does not count them before. A batch with an <see cref="InvitationBatch.IdempotencyKey"/> records the key
    /// in the same step, or, when the account holds the key already, stores nothing (<see cref="BatchInsertStatus.IdempotencyKeyUsed"/>).
    /// </summary>
    /// <param name="batch">The invitations (revision 1) with the account, its limit and the current instant.</param>
    /// <param name="cancellationToken">Cancels the operation; then nothing is inserted.</param>
    /// <returns>What happened.</returns>
    Task<BatchInsertResult> InsertBatchAsync(InvitationBatch batch, CancellationToken cancellationToken);

    /// <summary>The invite an account stored under an idempotency key (<see cref="InvitationBatch.IdempotencyKey"/>), or null.</summary>
    /// <param name="accountId">The account.</param>
    /// <param name="idempotencyKey">The key.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The stored invite, or null.</returns>
    Task<IdempotentInvite?> FindIdempotentInviteAsync(string accountId, string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>Forgets idempotency keys recorded before an instant (a maintenance call of <c>ExpireOverdueAsync</c>).</summary>
    /// <param name="recordedBefore">Keys recorded before this are deleted.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>How many keys were deleted.</returns>
    Task<int> DeleteIdempotencyKeysAsync(Instant recordedBefore, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes invitations still at revision 1 (compensates a batch whose follow-up step failed), and the idempotency key
    /// recorded with them, so a retry under the key is decided afresh.
    /// </summary>
    /// <param name="invitationIds">The invitations to delete.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when they are deleted.</returns>
    Task DeleteNewAsync(IReadOnlyCollection<Guid> invitationIds, CancellationToken cancellationToken);

    /// <summary>Finds an invitation by id.</summary>
    /// <param name="invitationId">The id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The invitation, or null.</returns>
    Task<Invitation?> FindByIdAsync(Guid invitationId, CancellationToken cancellationToken);

    /// <summary>Finds an invitation by the keyed hash of its link secret.</summary>
    /// <param name="secretHash">The hash.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The invitation, or null.</returns>
    Task<Invitation?> FindBySecretHashAsync(SecretHash secretHash, CancellationToken cancellationToken);

    /// <summary>Finds the invitations stored as pending (expired or not) for an email key, in every account or in one.</summary>
    /// <param name="emailKey">The email key.</param>
    /// <param name="accountId">Only this account; null for all accounts.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The invitations, oldest first.</returns>
    Task<IReadOnlyList<Invitation>> FindPendingByEmailAsync(string emailKey, string? accountId, CancellationToken cancellationToken);

    /// <summary>Counts an account's occupied seats: members plus invitations stored as pending with <c>ExpiresAt &gt; now</c>.</summary>
    /// <param name="accountId">The account.</param>
    /// <param name="now">The current instant.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The number of occupied seats.</returns>
    Task<int> CountOccupiedSeatsAsync(string accountId, Instant now, CancellationToken cancellationToken);

    /// <summary>Replaces an invitation if its stored revision is still <paramref name="expectedRevision"/> (compare-and-swap).</summary>
    /// <param name="invitation">The new state; its <see cref="Invitation.Revision"/> is <c>expectedRevision + 1</c>.</param>
    /// <param name="expectedRevision">The revision the caller read.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>True when replaced; false when the revision moved on or the invitation is gone.</returns>
    Task<bool> TryUpdateAsync(Invitation invitation, long expectedRevision, CancellationToken cancellationToken);

    /// <summary>
    /// Atomically: compare-and-swaps the invitation to its accepted state and creates the membership; for a
    /// latest-account-only product also makes the account the user's active one for that product. A user with no
    /// active account for the product yet counts the account they are founding owner of (a membership without an
    /// invitation) as active, and that account is reported superseded.
    /// </summary>
    /// <param name="acceptance">The accepted invitation, the expected revision and the membership.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>Whether it was accepted, lost the race, or found the user already a member (then nothing changes).</returns>
    Task<AcceptanceResult> AcceptAsync(Acceptance acceptance, CancellationToken cancellationToken);

    /// <summary>Finds a user's membership of an account.</summary>
    /// <param name="accountId">The account.</param>
    /// <param name="userId">The user.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The membership, or null.</returns>
    Task<Member?> FindMemberAsync(string accountId, string userId, CancellationToken cancellationToken);

    /// <summary>Adds an account's founding owner, only if the account has no members yet.</summary>
    /// <param name="owner">The owner's membership.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>True when added; false when the account already has members.</returns>
    Task<bool> TryAddFoundingOwnerAsync(Member owner, CancellationToken cancellationToken);

    /// <summary>
    /// Atomically: finds which of the batch's users are members already (they are left unchanged), counts occupied
    /// seats, and adds the others only if <c>occupied + new ≤ UserLimit</c> and the account then has an owner.
    /// Otherwise adds nothing.
    /// </summary>
    /// <param name="batch">The memberships with the account, its limit and the current instant.</param>
    /// <param name="cancellationToken">Cancels the operation; then nothing is added.</param>
    /// <returns>What happened.</returns>
    Task<MemberImportResult> ImportMembersAsync(MemberImportBatch batch, CancellationToken cancellationToken);

    /// <summary>Removes a membership, unless it is the account's last owner.</summary>
    /// <param name="accountId">The account.</param>
    /// <param name="userId">The member.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>What happened.</returns>
    Task<MemberRemovalStatus> RemoveMemberAsync(string accountId, string userId, CancellationToken cancellationToken);

    /// <summary>Lists an account's members, ordered by join time then user id.</summary>
    /// <param name="accountId">The account.</param>
    /// <param name="offset">Members to skip.</param>
    /// <param name="limit">Page size.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The page.</returns>
    Task<Page<Member>> ListMembersAsync(string accountId, int offset, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Lists an account's invitations newest first (by creation, then id), filtered by <em>effective</em> status as of
    /// <paramref name="now"/>: pending means stored pending with <c>ExpiresAt &gt; now</c>; expired includes stored
    /// pending with <c>ExpiresAt ≤ now</c>.
    /// </summary>
    /// <param name="query">The account, filter and page.</param>
    /// <param name="now">The current instant.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The page.</returns>
    Task<Page<Invitation>> ListAsync(InvitationQuery query, Instant now, CancellationToken cancellationToken);

    /// <summary>
    /// A seat-usage request's reads: <paramref name="userId"/>'s membership of the account (as <see cref="FindMemberAsync"/>)
    /// and, only when there is one, the occupied seats (as <see cref="CountOccupiedSeatsAsync"/>; 0 otherwise). The kit
    /// decides from the membership whether the caller may see the count. The default makes the two calls; a store on a
    /// database overrides it to do both in one round trip.
    /// </summary>
    /// <param name="accountId">The account.</param>
    /// <param name="userId">The user asking.</param>
    /// <param name="now">The current instant.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The membership, and the count when there is a membership.</returns>
    async Task<MemberRead<int>> FindMemberAndCountOccupiedSeatsAsync(string accountId, string userId, Instant now, CancellationToken cancellationToken)
    {
        var member = await FindMemberAsync(accountId, userId, cancellationToken).ConfigureAwait(false);
        return new(member, member is null ? 0 : await CountOccupiedSeatsAsync(accountId, now, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// A list request's reads: <paramref name="userId"/>'s membership of <see cref="InvitationQuery.AccountId"/> (as
    /// <see cref="FindMemberAsync"/>) and, only when there is one, the page (as <see cref="ListAsync"/>; null otherwise),
    /// so a caller from another account never costs a page read. The kit decides from the membership whether the caller
    /// may see the page. The default makes the two calls; a store on a database overrides it to do both in one round trip.
    /// </summary>
    /// <param name="userId">The user asking.</param>
    /// <param name="query">The account, filter and page, already validated.</param>
    /// <param name="now">The current instant.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The membership, and the page when there is a membership.</returns>
    async Task<MemberRead<Page<Invitation>?>> FindMemberAndListAsync(string userId, InvitationQuery query, Instant now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var member = await FindMemberAsync(query.AccountId, userId, cancellationToken).ConfigureAwait(false);
        return new(member, member is null ? null : await ListAsync(query, now, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Finds up to <paramref name="limit"/> invitations stored as pending whose expiry is at or before <paramref name="now"/>.</summary>
    /// <param name="now">The current instant.</param>
    /// <param name="limit">The most to return.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The overdue invitations.</returns>
    Task<IReadOnlyList<Invitation>> FindOverdueAsync(Instant now, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Finds up to <paramref name="limit"/> invitations whose mail is due: stored as pending, <c>ExpiresAt &gt; now</c>, and
    /// <see cref="Invitation.NextDeliveryAt"/> at or before <paramref name="now"/>; earliest due first. This is the outbox:
    /// the invitation row carries its own delivery schedule, so the batch and its mail commit together.
    /// </summary>
    /// <param name="now">The current instant.</param>
    /// <param name="limit">The most to return.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The due invitations.</returns>
    Task<IReadOnlyList<Invitation>> FindDueForDeliveryAsync(Instant now, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Records the outcome of sends in one step: for each record whose invitation is still pending with the record's
    /// secret hash, sets <see cref="Invitation.Delivery"/> and <see cref="Invitation.NextDeliveryAt"/> and increments the
    /// revision. Records whose invitation moved on are ignored.
    /// </summary>
    /// <param name="records">The outcomes.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>How many invitations were updated.</returns>
    Task<int> RecordDeliveriesAsync(IReadOnlyList<DeliveryRecord> records, CancellationToken cancellationToken);

    /// <summary>
    /// Atomically reserves one one-time-password attempt for an email key against its failure budget, counting it as a
    /// failure in the current window and in the address's lifetime total. The window restarts when <paramref name="now"/>
    /// is at least <see cref="OtpFailureBudget.Window"/> after its start. Refused, reserving nothing, when either count is
    /// already at its limit. The budget is security state: it must survive restarts and hold across app instances.
    /// </summary>
    /// <param name="emailKey">The address's email key (known to the kit or not: unknown addresses are budgeted alike).</param>
    /// <param name="budget">The limits.</param>
    /// <param name="now">The current instant.</param>
    /// <param name="cancellationToken">Cancels the operation; then nothing is reserved.</param>
    /// <returns>Whether an attempt was reserved and, if not, when to retry.</returns>
    Task<OtpAttemptReservation> TryReserveOtpAttemptAsync(string emailKey, OtpFailureBudget budget, Instant now, CancellationToken cancellationToken);

    /// <summary>
    /// An activation's first step: <see cref="TryReserveOtpAttemptAsync"/>, then, when an attempt was reserved, the
    /// address's pending invitations in every account (as <see cref="FindPendingByEmailAsync"/> with no account), read
    /// after the reservation, in <see cref="OtpAttemptReservation.PendingInvitations"/>. When the read fails after the
    /// attempt was reserved, the attempt is released before the read's failure is thrown: an infrastructure failure spends
    /// no attempt. The default makes the two calls; a store on a database overrides it to do both in one round trip.
    /// </summary>
    /// <param name="emailKey">The address's email key.</param>
    /// <param name="budget">The limits.</param>
    /// <param name="now">The current instant.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>Whether an attempt was reserved and, if so, the address's pending invitations; if not, when to retry.</returns>
    async Task<OtpAttemptReservation> TryReserveOtpAttemptAndFindPendingAsync(string emailKey, OtpFailureBudget budget, Instant now, CancellationToken cancellationToken)
    {
        var reservation = await TryReserveOtpAttemptAsync(emailKey, budget, now, cancellationToken).ConfigureAwait(false);
        if (!reservation.Reserved)
        {
            return reservation;
        }

        try
        {
            return reservation with { PendingInvitations = await FindPendingByEmailAsync(emailKey, null, cancellationToken).ConfigureAwait(false) };
        }
        catch
        {
            await ReleaseAfterFailureAsync(emailKey).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Releases an attempt after a failure, which is what the caller must see: a failing release is not thrown.</summary>
    private async Task ReleaseAfterFailureAsync(string emailKey)
    {
        try
        {
            await ReleaseOtpAttemptAsync(emailKey, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Left counted: one failure too many for the address, never a hidden outage.
        }
    }

    /// <summary>
    /// Returns a reserved attempt (the code was right, or an infrastructure failure prevented checking it): decrements the
    /// window and lifetime counts, never below zero. An activation that succeeds releases its attempt in its acceptance
    /// instead (<see cref="Acceptance.ReleaseOtpAttemptOf"/>).
    /// </summary>
    /// <param name="emailKey">The address's email key.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the attempt is returned.</returns>
    Task ReleaseOtpAttemptAsync(string emailKey, CancellationToken cancellationToken);
}
