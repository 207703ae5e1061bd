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

    /// <summary>Disables or enables an account, as a host suspends a tenant (<see cref="AccountInfo.IsDisabled"/>).</summary>
    /// <param name="accountId">The account id.</param>
    /// <param name="disabled">Whether the account is disabled.</param>
    /// <returns>The account as it is now.</returns>
    /// <exception cref="KeyNotFoundException">No account has the id.</exception>
    public AccountInfo SetDisabled(string accountId, bool disabled = true)
    {
        ArgumentNullException.ThrowIfNull(accountId);
        return _accounts.AddOrUpdate(
            accountId,
            id => throw new KeyNotFoundException($"No account '{id}'."),
            (_, account) => account with { IsDisabled = disabled });
    }

    /// <inheritdoc />
    public Task<AccountInfo?> FindAsync(string accountId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_accounts.GetValueOrDefault(accountId));
    }
}
