using InvitationKit.Ports;

namespace InvitationKit.Testing;

/// <summary>The <see cref="IEmailDomainStore"/> role: each account's email domains, and joins through a verified one.</summary>
public sealed partial class InMemoryInvitationStore : IEmailDomainStore
{
    private readonly Dictionary<string, EmailDomain[]> _emailDomains = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task<IReadOnlyList<EmailDomain>> GetEmailDomainsAsync(string accountId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(accountId);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<EmailDomain>>(_emailDomains.GetValueOrDefault(accountId) ?? []);
        }
    }

    /// <inheritdoc />
    public Task SetEmailDomainsAsync(string accountId, IReadOnlyList<EmailDomain> domains, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(accountId);
        ArgumentNullException.ThrowIfNull(domains);
        cancellationToken.ThrowIfCancellationRequested();
        EmailDomain[] sorted = [.. domains.OrderBy(d => d.Domain, StringComparer.Ordinal)];
        lock (_gate)
        {
            if (sorted.Length == 0)
            {
                _emailDomains.Remove(accountId);
            }
            else
            {
                _emailDomains[accountId] = sorted;
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> FindAccountsByVerifiedDomainAsync(string domain, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(domain);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<string>>([.. _emailDomains
                .Where(a => a.Value.Any(d => d.Kind == EmailDomainKind.Verified && string.Equals(d.Domain, domain, StringComparison.Ordinal)))
                .Select(a => a.Key)
                .Order(StringComparer.Ordinal)]);
        }
    }

    /// <inheritdoc />
    public Task<DomainJoinResult> JoinAsync(DomainJoin join, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(join);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var member = join.Member;
            var account = Account(member.AccountId);
            var occupied = CountOccupied(member.AccountId, join.Now);
            if (account.Members.ContainsKey(member.UserId))
            {
                return Task.FromResult(new DomainJoinResult(DomainJoinStatus.AlreadyMember, occupied));
            }

            if (occupied + 1 > join.UserLimit)
            {
                return Task.FromResult(new DomainJoinResult(DomainJoinStatus.SeatsExhausted, occupied));
            }

            account.Members[member.UserId] = member;
            string? superseded = null;
            if (join.MakeActiveForProduct)
            {
                var key = (member.UserId, join.ProductId);
                superseded = _activeAccounts.GetValueOrDefault(key) ?? FoundedAccount(member.UserId, member.AccountId);
                _activeAccounts[key] = member.AccountId;
            }

            return Task.FromResult(new DomainJoinResult(DomainJoinStatus.Joined, occupied, superseded));
        }
    }
}
