namespace InvitationKit.Ports;

/// <summary>
/// Persists invitations and the idempotency keys of the batches that created them. Stores only persist: every rule lives
/// in the manager. Every member is async and honours its <see cref="CancellationToken"/>.
/// </summary>
/// <remarks>
/// <para>One of the store's role interfaces (see <see cref="InvitationStoreSet"/>). <see cref="IInvitationStore"/>,
/// <see cref="IMemberStore"/>, <see cref="IInvitationOutbox"/> and <see cref="IInvitationMaintenanceStore"/> read and write
/// the same rows in one transaction (a batch checks memberships, an acceptance creates one), so one implementation backs
/// all four; <see cref="IOtpBudgetStore"/> may be backed separately. The conformance kit in
/// <c>InvitationKit.Testing.Conformance</c> checks the contract:</para>
/// <list type="bullet">
/// <item><see cref="InsertBatchAsync"/> checks seats and pending duplicates and inserts the batch, with its reissued
/// invitations' compare-and-swaps, as one atomic step:
/// of two batches racing for the last seats at most one wins, and an account never holds two effectively pending
/// invitations for one email key.</item>
/// <item><see cref="TryUpdateAsync"/> is a compare-and-swap on <see cref="Invitation.Revision"/> that advances the revision
/// itself: of two racing changes exactly one wins; the loser sees null, never an exception.</item>
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
    /// in the same step. The key is checked first: when the account holds it already, the answer is
    /// <see cref="BatchInsertStatus.IdempotencyKeyUsed"/> whatever else the batch would find (a racing copy of the request
    /// finds the first copy's addresses pending), and nothing is stored. The batch's <see cref="InvitationBatch.Reissued"/>
    /// invitations are applied in the same step, each a compare-and-swap on its revision: when one moved on, nothing at
    /// all is stored and the answer is <see cref="BatchInsertStatus.Conflict"/> — which may come before the key's answer
    /// (the manager then looks the key up). Apply them in the order a revoke takes its locks, so the two never deadlock.
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

    /// <summary>
    /// Stores <paramref name="changed"/> if the invitation's stored revision is still <c>changed.Revision</c> — the revision
    /// the caller read and changed — and advances the revision by one (compare-and-swap).
    /// </summary>
    /// <param name="changed">The new state, at the revision it was read at.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The stored invitation at its new revision; null when the revision moved on or the invitation is gone.</returns>
    Task<Invitation?> TryUpdateAsync(Invitation changed, CancellationToken cancellationToken);

    /// <summary>
    /// Lists an account's invitations newest first (by creation, then id), filtered by <em>effective</em> status as of
    /// <paramref name="now"/>: pending means stored pending with <c>ExpiresAt &gt; now</c>; expired includes stored
    /// pending with <c>ExpiresAt ≤ now</c>. <see cref="InvitationQuery.EmailPrefix"/> arrives as a prefix of
    /// <see cref="Invitation.EmailKey"/> (the manager folds it as keys are folded): match it ordinally, by code point, and
    /// back it with an index; <see cref="InvitationQuery.InvitedBy"/> matches <see cref="Invitation.InvitedBy"/> exactly.
    /// </summary>
    /// <param name="query">The account, filters and page.</param>
    /// <param name="now">The current instant.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The page.</returns>
    Task<Page<Invitation>> ListAsync(InvitationQuery query, NodaTime.Instant now, CancellationToken cancellationToken);
}
