using InvitationKit.EntityFrameworkCore.Model;

namespace InvitationKit.EntityFrameworkCore.Stores;

/// <summary>
/// How the EF Core store counts an account's occupied seats without reading its members or invitations: the counter
/// kept on the account's lock row by the schema's triggers (<c>V006__seat_counter.sql</c>: members plus invitations
/// stored as pending), less the invitations stored as pending that are overdue, a range of the partial index
/// <c>(account_id, expires_at) WHERE status = 0</c> that only holds what the sweep has not expired yet.
/// </summary>
internal static class SeatCounter
{
    /// <summary>The count as a SQL expression over the given placeholders (of a <see cref="SqlBuilder"/>) of the account and of now (in ticks).</summary>
    public static string Occupied(string account, string now) =>
        $"COALESCE((SELECT stored_seats FROM {Tables.AccountLocks} WHERE account_id = {account}), 0)"
        + $" - (SELECT COUNT(*) FROM {Tables.Invitations} WHERE account_id = {account} AND status = 0 AND expires_at <= {now})";
}
