namespace InvitationKit.EntityFrameworkCore.Model;

/// <summary>
/// One row per account, locked (<c>SELECT … FOR UPDATE</c> on PostgreSQL, a write on SQLite) by every operation that
/// must see and change an account's seats or owners as one step.
/// </summary>
internal sealed class AccountLockEntity
{
    public string AccountId { get; set; } = string.Empty;

    public long Version { get; set; }

    /// <summary>Members plus invitations stored as pending, kept by the schema's triggers (never written by the store).</summary>
    public long StoredSeats { get; set; }
}
