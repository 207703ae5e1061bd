using System.Globalization;
using InvitationKit.EntityFrameworkCore.Model;

namespace InvitationKit.EntityFrameworkCore.Stores;

/// <summary>
/// How the EF Core store totals an account's invitations, or those of one status, without counting them: the counts
/// kept by the schema's triggers (<c>V014__invitation_counts.sql</c>: per account, status -1 for all its stored
/// invitations, 1–4 for those stored in a terminal status), and, for pending or expired, the invitations stored as
/// pending that are overdue, a range of the partial index <c>(account_id, expires_at) WHERE status = 0</c> that only
/// holds what the sweep has not expired yet (as <see cref="SeatCounter"/> reads it).
/// </summary>
internal static class InvitationCounts
{
    /// <summary>The status of the row that counts all of an account's stored invitations.</summary>
    private const int All = -1;

    /// <summary>
    /// The total as a SQL expression over the given placeholders (of a <see cref="SqlBuilder"/>) of the account and of
    /// now (in ticks, asked for only when needed). Every subquery also requires <paramref name="guard"/> when given; the
    /// expression is then 0 without it.
    /// </summary>
    public static string Total(string account, InvitationStatus? status, Func<string> now, string? guard)
    {
        var also = guard is null ? string.Empty : " AND " + guard;
        string Stored(int stored) =>
            $"COALESCE((SELECT invitations FROM {Tables.InvitationCounts} WHERE account_id = {account} AND status = {stored.ToString(CultureInfo.InvariantCulture)}{also}), 0)";
        string Overdue() => $"(SELECT COUNT(*) FROM {Tables.Invitations} WHERE account_id = {account} AND status = 0 AND expires_at <= {now()}{also})";
        return status switch
        {
            null => Stored(All),
            InvitationStatus.Pending =>
                $"COALESCE((SELECT SUM(CASE WHEN status = {All} THEN invitations ELSE -invitations END) FROM {Tables.InvitationCounts} WHERE account_id = {account}{also}), 0) - {Overdue()}",
            InvitationStatus.Expired => $"{Stored((int)InvitationStatus.Expired)} + {Overdue()}",
            { } terminal => Stored((int)terminal),
        };
    }
}
