namespace InvitationKit.Ports;

/// <summary>
/// Persists each account's email domain policy — its allowed and verified domains — and joins a user to an account
/// through a verified domain. Implemented by the in-memory and the EF Core stores beside their other roles; the
/// conformance kit checks it.
/// </summary>
/// <remarks>
/// <para>Domains are stored as the kit gives them: already normalized (the domain part of an address's key), unique per account.</para>
/// <para><see cref="JoinAsync"/> checks and writes in one atomic step, as <see cref="IMemberStore.ImportMembersAsync"/> does:
/// of N concurrent joins for one free seat, exactly one joins.</para>
/// </remarks>
public interface IEmailDomainStore
{
    /// <summary>An account's domains, ordered by domain.</summary>
    /// <param name="accountId">The account.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The domains; empty when the account has no policy.</returns>
    Task<IReadOnlyList<EmailDomain>> GetEmailDomainsAsync(string accountId, CancellationToken cancellationToken);

    /// <summary>Replaces an account's domains with <paramref name="domains"/>, atomically (empty removes the policy).</summary>
    /// <param name="accountId">The account.</param>
    /// <param name="domains">The normalized domains, each at most once.</param>
    /// <param name="cancellationToken">Cancels the operation; then nothing changes.</param>
    /// <returns>A task.</returns>
    Task SetEmailDomainsAsync(string accountId, IReadOnlyList<EmailDomain> domains, CancellationToken cancellationToken);

    /// <summary>The accounts that verified a domain, ordered by account id.</summary>
    /// <param name="domain">The normalized domain.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The account ids.</returns>
    Task<IReadOnlyList<string>> FindAccountsByVerifiedDomainAsync(string domain, CancellationToken cancellationToken);

    /// <summary>
    /// Atomically: finds whether the user is a member already (then nothing changes), counts occupied seats, and adds the
    /// membership only if <c>occupied + 1 ≤ UserLimit</c>; for a latest-account-only product also makes the account the
    /// user's active one, exactly as <see cref="IMemberStore.AcceptAsync"/> does.
    /// </summary>
    /// <param name="join">The membership, its product, the account's limit and the current instant.</param>
    /// <param name="cancellationToken">Cancels the operation; then nothing is added.</param>
    /// <returns>What happened.</returns>
    Task<DomainJoinResult> JoinAsync(DomainJoin join, CancellationToken cancellationToken);
}
