using System.Collections.Concurrent;
using InvitationKit.Ports;

namespace InvitationKit.Testing;

/// <summary>A thread-safe in-memory <see cref="IAccountDirectory"/>.</summary>
/// <threadsafety>This type is thread-safe.</threadsafety>
public sealed class InMemoryAccountDirectory : IAccountDirectory
{
    private readonly ConcurrentDictionary<string, AccountInfo> _accounts = new(StringComparer.Ordinal);

    /// <summary>Adds or replaces an account.</summary>
    /// <param name="account">The account.</param>
    /// <returns>The account.</returns>
    public AccountInfo Add(AccountInfo account)
    {
        ArgumentNullException.ThrowIfNull(account);
        _accounts[account.Id] = account;
        return account;
    }

    /// <inheritdoc />
    public Task<AccountInfo?> FindAsync(string accountId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_accounts.GetValueOrDefault(accountId));
    }
}
