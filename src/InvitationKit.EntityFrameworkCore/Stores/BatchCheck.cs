using InvitationKit.Ports;
using Microsoft.EntityFrameworkCore;

namespace InvitationKit.EntityFrameworkCore.Stores;

/// <summary>
/// Everything an invite must know before it inserts, in one round trip: the account's occupied seats, the batch's
/// addresses already pending (live or overdue), and the batch's users already members.
/// </summary>
internal sealed record BatchCheck(int OccupiedSeats, IReadOnlyList<string> PendingKeys, IReadOnlyList<string> OverdueKeys, IReadOnlyList<string> MemberUserIds)
{
    private const int Seats = 0;
    private const int LivePending = 1;
    private const int OverduePending = 2;
    private const int Member = 3;

    public static async Task<BatchCheck> RunAsync(DbContext context, InvitationBatch batch, long now, CancellationToken cancellationToken)
    {
        var parameters = new List<object> { batch.AccountId, now };
        string Placeholders(IReadOnlyCollection<string> values)
        {
            var first = parameters.Count;
            parameters.AddRange(values);
            return string.Join(", ", Enumerable.Range(first, values.Count).Select(i => $"{{{i}}}"));
        }

        string[] keys = [.. batch.Invitations.Select(i => i.EmailKey)];
        string[] userIds = [.. batch.Invitations.Select(i => i.UserId).OfType<string>()];
        var sql = $"SELECT {Seats} AS \"Kind\", {SeatCounter.OccupiedSql} AS \"Count\", NULL AS \"Value\""
            + $" UNION ALL SELECT CASE WHEN expires_at > {{1}} THEN {LivePending} ELSE {OverduePending} END, 0, email_key FROM invitationkit_invitations"
            + $" WHERE account_id = {{0}} AND status = 0 AND email_key IN ({Placeholders(keys)})";
        if (userIds.Length > 0)
        {
            sql += $" UNION ALL SELECT {Member}, 0, user_id FROM invitationkit_members WHERE account_id = {{0}} AND user_id IN ({Placeholders(userIds)})";
        }

        // Only placeholders are spliced in; every value is a parameter.
#pragma warning disable EF1002, EF1003
        var rows = await context.Database.SqlQueryRaw<Row>(sql, [.. parameters]).ToListAsync(cancellationToken).ConfigureAwait(false);
#pragma warning restore EF1002, EF1003
        string[] Values(int kind) => [.. rows.Where(r => r.Kind == kind).Select(r => r.Value!).Distinct(StringComparer.Ordinal)];
        return new BatchCheck((int)rows.Single(r => r.Kind == Seats).Count, Values(LivePending), Values(OverduePending), Values(Member));
    }

    /// <summary>One row of the check: its kind, the seat count (for the seats row) or the key or user id.</summary>
    internal sealed class Row
    {
        public int Kind { get; set; }

        public long Count { get; set; }

        public string? Value { get; set; }
    }
}
