namespace InvitationKit.Ports;

/// <summary>
/// The email domain store of a host whose store does not implement <see cref="IEmailDomainStore"/>: no account has a
/// domain policy, and setting one is a configuration error that names the fix.
/// </summary>
internal sealed class NoEmailDomainStore : IEmailDomainStore
{
    public static readonly NoEmailDomainStore Instance = new();

    private const string Fix = "The registered store does not implement IEmailDomainStore, so accounts cannot have email domains. "
        + "Implement it on your store (the conformance kit checks it), or use the EF Core or in-memory store.";

    public Task<IReadOnlyList<EmailDomain>> GetEmailDomainsAsync(string accountId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<EmailDomain>>([]);

    public Task SetEmailDomainsAsync(string accountId, IReadOnlyList<EmailDomain> domains, CancellationToken cancellationToken) =>
        throw new InvalidOperationException(Fix);

    public Task<IReadOnlyList<string>> FindAccountsByVerifiedDomainAsync(string domain, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>([]);

    public Task<DomainJoinResult> JoinAsync(DomainJoin join, CancellationToken cancellationToken) =>
        throw new InvalidOperationException(Fix);
}
