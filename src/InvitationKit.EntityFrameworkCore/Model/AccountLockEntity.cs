namespace InvitationKit.EntityFrameworkCore.Model;

/// <summary>
/// One row per account, locked (<c>SELECT … FOR UPDATE</c> on PostgreSQL, a write on SQLite) by every operation that
/// must see and change an account's seats or owners as one step.
/// </summary>
internal sealed class AccountLockEntity
{
    public string AccountId { get; set; } = string.Empty;

    public long Version { get; set; }
}
