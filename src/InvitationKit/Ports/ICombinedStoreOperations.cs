using NodaTime;

namespace InvitationKit.Ports;

/// <summary>
/// An optional capability of a store that backs <see cref="IInvitationStore"/>, <see cref="IMemberStore"/> and
/// <see cref="IOtpBudgetStore"/> in one database: the operations the manager would otherwise make of two store calls, each
/// in one round trip. The manager detects it (as ASP.NET Core Identity's <c>UserManager</c> detects its store's
/// capabilities) and uses it only when the same object is registered for all three roles; otherwise it makes the two
/// calls. Each member must answer exactly as those two calls would — the conformance kit checks it against them. A
/// decorator over such a store keeps the fast path by implementing this interface too.
/// </summary>
public interface ICombinedStoreOperations
{
    /// <summary>
    /// A seat-usage request's reads: <paramref name="userId"/>'s membership of the account (as
    /// <see cref="IMemberStore.FindMemberAsync"/>) and, only when there is one, the occupied seats (as
    /// <see cref="IMemberStore.CountOccupiedSeatsAsync"/>; 0 otherwise).
    /// </summary>
    /// <param name="accountId">The account.</param>
    /// <param name="userId">The user asking.</param>
    /// <param name="now">The current instant.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The membership, and the count when there is a membership.</returns>
    Task<MemberRead<int>> FindMemberAndCountOccupiedSeatsAsync(string accountId, string userId, Instant now, CancellationToken cancellationToken);

    /// <summary>
    /// A list request's reads: <paramref name="userId"/>'s membership of <see cref="InvitationQuery.AccountId"/> (as
    /// <see cref="IMemberStore.FindMemberAsync"/>) and, only when there is one, the page (as
    /// <see cref="IInvitationStore.ListAsync"/>; null otherwise), so a caller from another account never costs a page read.
    /// </summary>
    /// <param name="userId">The user asking.</param>
    /// <param name="query">The account, filter and page, already validated.</param>
    /// <param name="now">The current instant.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The membership, and the page when there is a membership.</returns>
    Task<MemberRead<Page<Invitation>?>> FindMemberAndListAsync(string userId, InvitationQuery query, Instant now, CancellationToken cancellationToken);

    /// <summary>
    /// An invite's first read: <paramref name="userId"/>'s membership of the account (as <see cref="IMemberStore.FindMemberAsync"/>)
    /// and, only when there is one, the account's email domains as <see cref="IEmailDomainStore.GetEmailDomainsAsync"/> of
    /// the same store reads them (empty when the store keeps none). The kit calls it only when the store is also the
    /// registered <see cref="IEmailDomainStore"/>; otherwise it makes the two calls.
    /// </summary>
    /// <param name="accountId">The account.</param>
    /// <param name="userId">The user asking.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The membership, and the domains when there is a membership.</returns>
    Task<MemberRead<IReadOnlyList<EmailDomain>>> FindMemberAndEmailDomainsAsync(string accountId, string userId, CancellationToken cancellationToken);

    /// <summary>
    /// An activation's first step: the address's pending invitations in every account (as
    /// <see cref="IInvitationStore.FindPendingByEmailAsync"/> with no account) and, only when they hold a code a guess
    /// could match (<see cref="OtpFailureBudget.Guards"/>), <see cref="IOtpBudgetStore.TryReserveOtpAttemptAsync"/>. When
    /// they hold none, nothing is counted or stored and the answer is granted, with the invitations read (a guess has
    /// nothing to match). When it throws, no attempt is left reserved that was not reserved before.
    /// </summary>
    /// <param name="emailKey">The address's email key.</param>
    /// <param name="attempt">Identifies the attempt (see <see cref="IOtpBudgetStore.TryReserveOtpAttemptAsync"/>).</param>
    /// <param name="budget">The limits.</param>
    /// <param name="now">The current instant.</param>
    /// <param name="cancellationToken">Cancels the operation; then nothing is reserved.</param>
    /// <returns>The reservation and, when granted, the address's pending invitations.</returns>
    Task<OtpReservationRead> TryReserveOtpAttemptAndFindPendingAsync(string emailKey, SecretHash attempt, OtpFailureBudget budget, Instant now, CancellationToken cancellationToken);

    /// <summary>
    /// An activation's last step: <see cref="IMemberStore.AcceptAsync"/> and, in the same atomic step and only when the
    /// acceptance is stored, <see cref="IOtpBudgetStore.ReleaseOtpAttemptAsync"/> of <paramref name="attempt"/> for
    /// <paramref name="emailKey"/> (the code was right). When the acceptance is not stored, nothing is released.
    /// </summary>
    /// <param name="acceptance">The accepted invitation, at the revision read, and the membership.</param>
    /// <param name="emailKey">The address whose reserved attempt is released with the acceptance.</param>
    /// <param name="attempt">The attempt released, as it was reserved.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>As <see cref="IMemberStore.AcceptAsync"/>.</returns>
    Task<AcceptanceResult> AcceptAndReleaseOtpAttemptAsync(Acceptance acceptance, string emailKey, SecretHash attempt, CancellationToken cancellationToken);
}
