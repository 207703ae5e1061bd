using NodaTime;

namespace InvitationKit.Ports;

/// <summary>
/// Persists memberships, each user's active account per product, and the seats they occupy. Backed by the same
/// implementation as <see cref="IInvitationStore"/>: an acceptance turns an invitation into a membership in one step.
/// </summary>
/// <remarks>
/// <para>The concurrency contract, which the conformance kit checks:</para>
/// <list type="bullet">
/// <item><see cref="AcceptAsync"/> is a compare-and-swap on <see cref="Invitation.Revision"/> that advances the revision
/// itself: of two racing transitions exactly one wins; the loser sees a conflict, never an exception.</item>
/// <item><see cref="RemoveMemberAsync"/> never removes an account's last owner, even when owners remove each other or leave
/// at once: of two last owners leaving at once, exactly one is removed and the other told <see cref="MemberRemovalStatus.LastOwner"/>.</item>
/// <item><see cref="ImportMembersAsync"/> and <see cref="TryAddFoundingOwnerAsync"/> check and write in one atomic step.</item>
/// </list>
/// </remarks>
public interface IMemberStore
{
    /// <summary>
    /// Atomically: compare-and-swaps the invitation to its accepted state (advancing its revision) and creates the
    /// membership; for a latest-account-only product also makes the account the user's active one for that product. A user
    /// with no active account for the product yet counts the account they are founding owner of (a membership without an
    /// invitation) as active, and that account is reported superseded.
    /// </summary>
    /// <param name="acceptance">The accepted invitation, at the revision read, and the membership.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>Whether it was accepted, lost the race, or found the user already a member (then nothing changes).</returns>
    Task<AcceptanceResult> AcceptAsync(Acceptance acceptance, CancellationToken cancellationToken);

    /// <summary>Finds a user's membership of an account.</summary>
    /// <param name="accountId">The account.</param>
    /// <param name="userId">The user.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The membership, or null.</returns>
    Task<Member?> FindMemberAsync(string accountId, string userId, CancellationToken cancellationToken);

    /// <summary>Counts an account's occupied seats: members plus invitations stored as pending with <c>ExpiresAt &gt; now</c>.</summary>
    /// <param name="accountId">The account.</param>
    /// <param name="now">The current instant.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The number of occupied seats.</returns>
    Task<int> CountOccupiedSeatsAsync(string accountId, Instant now, CancellationToken cancellationToken);

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

    /// <summary>
    /// Removes a membership, unless it is the account's last owner: for a manager's removal and for a member leaving
    /// (<see cref="IInvitationManager.LeaveAsync"/>) alike.
    /// </summary>
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
}
