using InvitationKit.EntityFrameworkCore.Model;
using InvitationKit.Ports;
using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace InvitationKit.EntityFrameworkCore.Stores;

/// <summary>
/// Everything an invite must know before it inserts, in one round trip that first takes the account's lock (so what it
/// reads cannot change until the batch commits): whether the account holds the batch's
/// idempotency key already (checked first: a racing copy of the request is answered with the first one's outcome, never
/// with the pending addresses the first one created), the account's occupied seats, the batch's addresses already
/// pending (live or overdue), and the batch's users already members.
/// </summary>
internal sealed record BatchCheck(bool KeyUsed, int OccupiedSeats, IReadOnlyList<string> PendingKeys, IReadOnlyList<string> OverdueKeys, IReadOnlyList<string> MemberUserIds)
{
    private const int Seats = 0;
    private const int LivePending = 1;
    private const int OverduePending = 2;
    private const int Member = 3;
    private const int Key = 4;

    public static async Task<BatchCheck> RunAsync(DbContext context, InvitationBatch batch, long now, CancellationToken cancellationToken)
    {
        string[] keys = [.. batch.Invitations.Select(i => i.EmailKey)];
        string[] userIds = [.. batch.Invitations.Select(i => i.UserId).OfType<string>()];
        var sql = new SqlBuilder();
        var (account, at) = (sql.Value(batch.AccountId), sql.Value(now));
        DatabaseDialect.LockAccount(sql, account);
        sql.Append($"SELECT {Seats} AS \"Kind\", {SeatCounter.Occupied(account, at)} AS \"Count\", NULL AS \"Value\"");
        if (keys.Length > 0) // a batch of reissues only inserts nothing
        {
            sql.Append($" UNION ALL SELECT CASE WHEN expires_at > {at} THEN {LivePending} ELSE {OverduePending} END, 0, email_key FROM {Tables.Invitations}")
                .Append($" WHERE account_id = {account} AND status = 0 AND email_key IN ({sql.List(keys)})");
        }

        if (userIds.Length > 0)
        {
            sql.Append($" UNION ALL SELECT {Member}, 0, user_id FROM {Tables.Members} WHERE account_id = {account} AND user_id IN ({sql.List(userIds)})");
        }

        if (batch.IdempotencyKey is { } idempotencyKey)
        {
            sql.Append($" UNION ALL SELECT {Key}, 0, idempotency_key FROM {Tables.IdempotentInvites} WHERE account_id = {account} AND idempotency_key = {sql.Value(idempotencyKey)}");
        }

        // Read by hand, not by SqlQueryRaw: a row is a kind, a count (the seats row's) and a key or user id, and EF
        // Core's query pipeline would cost as much as the round trip. The reader is at the check, past the lock.
        var rows = new List<(int Kind, long Count, string? Value)>();
        await using (var reader = await RawSql.ExecuteReaderAsync(context, sql, cancellationToken).ConfigureAwait(false))
        {
            var data = reader.DbDataReader;
            while (await data.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows.Add((Convert.ToInt32(data.GetValue(0), CultureInfo.InvariantCulture), Convert.ToInt64(data.GetValue(1), CultureInfo.InvariantCulture), data.IsDBNull(2) ? null : data.GetString(2)));
            }
        }

        string[] Values(int kind) => [.. rows.Where(r => r.Kind == kind).Select(r => r.Value!).Distinct(StringComparer.Ordinal)];
        return new BatchCheck(rows.Any(r => r.Kind == Key), (int)rows.Single(r => r.Kind == Seats).Count, Values(LivePending), Values(OverduePending), Values(Member));
    }
}
