using System.Globalization;
using InvitationKit.Ports;

namespace InvitationKit.LoadTest;

/// <summary>
/// The accounts of a load run, the same in every instance without shared state: an id <c>{name}-L{limit}</c> is an
/// account with that user limit (<see cref="Id"/>); any other id is unknown.
/// </summary>
internal sealed class LoadAccounts : IAccountDirectory
{
    /// <summary>The id of account <paramref name="index"/> with <paramref name="userLimit"/> seats.</summary>
    public static string Id(int index, int userLimit) => string.Create(CultureInfo.InvariantCulture, $"load{index}-L{userLimit}");

    /// <summary>The user limit an account id carries.</summary>
    public static int LimitOf(string accountId) =>
        int.Parse(accountId.AsSpan(accountId.LastIndexOf("-L", StringComparison.Ordinal) + 2), CultureInfo.InvariantCulture);

    public Task<AccountInfo?> FindAsync(string accountId, CancellationToken cancellationToken) =>
        Task.FromResult(accountId.StartsWith("load", StringComparison.Ordinal) && accountId.Contains("-L", StringComparison.Ordinal)
            ? new AccountInfo(accountId, accountId, LimitOf(accountId))
            : null);
}
