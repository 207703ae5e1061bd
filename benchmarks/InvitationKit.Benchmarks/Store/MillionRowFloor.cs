using System.Data.Common;
using static InvitationKit.Benchmarks.Store.StoreFloor;

namespace InvitationKit.Benchmarks.Store;

/// <summary>
/// The floor of <see cref="MillionRowBenchmarks"/>: the same reads as the kit, hand-written in ADO.NET on PostgreSQL with
/// the fewest round trips and the same indexes and counters — the actor's membership, the account's total from the
/// invitation counts (schema V014) and a page from the listing index in one command; the same with a search's count and
/// page from the address index; the seat count from the counter (<see cref="StoreFloor.SeatsAsync"/>); the expiry
/// sweep's read of overdue invitations; and the dispatcher's read of due mail and its claim (one statement that
/// advances the revision of each row it read).
/// </summary>
internal sealed class MillionRowFloor(BenchmarkDatabase database)
{
    private const string Account = "acme";
    private const string Actor = "owner";

    /// <summary>The actor's membership, the account's total and a page of <paramref name="limit"/>; returns the total.</summary>
    public Task<long> ListPageAsync(int limit) => PageAsync(
        "SELECT COALESCE((SELECT invitations FROM invitationkit_invitation_counts WHERE account_id = @a AND status = -1), 0); "
        + $"SELECT * FROM invitationkit_invitations WHERE account_id = @a ORDER BY created_at DESC, id DESC LIMIT {limit + 1}",
        null);

    /// <summary>The actor's membership, the count of the addresses starting with <paramref name="prefix"/> and their page; returns the count.</summary>
    public Task<long> SearchAsync(string prefix, int limit)
    {
        const string Range = "account_id = @a AND email_key COLLATE \"C\" >= @from AND email_key COLLATE \"C\" < @to";
        return PageAsync(
            $"SELECT COUNT(*) FROM invitationkit_invitations WHERE {Range}; "
            + $"SELECT * FROM invitationkit_invitations WHERE {Range} ORDER BY created_at DESC, id DESC LIMIT {limit + 1}",
            prefix);
    }

    /// <summary>The expiry sweep's read: up to <paramref name="limit"/> overdue invitations, soonest expired first.</summary>
    public async Task<int> OverdueAsync(long now, int limit)
    {
        await using var connection = database.NewConnection();
        await connection.OpenAsync();
        await using var read = Command(connection, null, $"SELECT * FROM invitationkit_invitations WHERE status = 0 AND expires_at <= @now ORDER BY expires_at LIMIT {limit}");
        Add(read, "@now", now);
        return await CountRowsAsync(read);
    }

    /// <summary>The dispatcher's read of up to <paramref name="limit"/> due mails, then its claim of them (a compare-and-swap on each revision).</summary>
    public async Task<int> ClaimDueAsync(long now, int limit)
    {
        await using var connection = database.NewConnection();
        await connection.OpenAsync();
        var due = new List<(Guid Id, long Revision)>();
        await using (var read = Command(connection, null,
            $"SELECT * FROM invitationkit_invitations WHERE status = 0 AND next_delivery_at IS NOT NULL AND next_delivery_at <= @now AND expires_at > @now ORDER BY next_delivery_at LIMIT {limit}"))
        {
            Add(read, "@now", now);
            await using var reader = await read.ExecuteReaderAsync();
            var (id, revision) = (reader.GetOrdinal("id"), reader.GetOrdinal("revision"));
            while (await reader.ReadAsync())
            {
                due.Add((reader.GetGuid(id), reader.GetInt64(revision)));
            }
        }

        await using var claim = Command(connection, null,
            "UPDATE invitationkit_invitations i SET revision = i.revision + 1 FROM unnest(@ids, @revisions) AS l(id, revision) WHERE i.id = l.id AND i.revision = l.revision RETURNING i.id");
        Add(claim, "@ids", due.Select(d => d.Id).ToArray());
        Add(claim, "@revisions", due.Select(d => d.Revision).ToArray());
        return await CountRowsAsync(claim);
    }

    private async Task<long> PageAsync(string sql, string? prefix)
    {
        await using var connection = database.NewConnection();
        await connection.OpenAsync();
        await using var page = Command(connection, null, "SELECT is_owner FROM invitationkit_members WHERE account_id = @a AND user_id = @u; " + sql);
        Add(page, "@a", Account);
        Add(page, "@u", Actor);
        if (prefix is not null)
        {
            Add(page, "@from", prefix);
            Add(page, "@to", prefix[..^1] + (char)(prefix[^1] + 1));
        }

        await using var reader = await page.ExecuteReaderAsync();
        if (!(await reader.ReadAsync() && reader.GetBoolean(0)))
        {
            throw new InvalidOperationException("The floor's actor may not manage the account.");
        }

        await reader.NextResultAsync();
        await reader.ReadAsync();
        var total = reader.GetInt64(0);
        await reader.NextResultAsync();
        var values = new object[reader.FieldCount];
        while (await reader.ReadAsync())
        {
            reader.GetValues(values);
        }

        return total;
    }

    private static async Task<int> CountRowsAsync(DbCommand command)
    {
        await using var reader = await command.ExecuteReaderAsync();
        var (rows, values) = (0, new object[reader.FieldCount]);
        while (await reader.ReadAsync())
        {
            reader.GetValues(values);
            rows++;
        }

        return rows;
    }
}
