using Npgsql;

namespace InvitationKit.Shared;

/// <summary>
/// Seeds one account's invitations on PostgreSQL in one server-side statement (<c>INSERT … SELECT … FROM
/// generate_series</c>), as the million-row plan test and benchmark do, then <c>VACUUM ANALYZE</c>. Row <c>n</c>
/// (1…rows) has status <c>n % 5</c>, address <c>u{n}@example.com</c>, inviter <c>owner{n % 10}</c> and is created
/// <c>n / 3</c> seconds after <c>t0</c>. The pending rows with <c>n ≤ overdueUpTo</c> are overdue at <c>now</c>, those with
/// <c>overdueUpTo &lt; n ≤ dueUpTo</c> have mail due at <c>now</c>; every other pending row is live without mail due.
/// Columns the statement does not generate are copied from a template row (the schema's columns, read from the
/// catalog), which is then deleted. Shared by linking this file; it depends on Npgsql.
/// </summary>
internal static class MillionRowSeed
{
    /// <summary>Seeds <paramref name="rows"/> invitations of <paramref name="account"/> after the template row <paramref name="templateId"/>, then deletes the template.</summary>
    public static async Task SeedAsync(string connectionString, Guid templateId, string account, int rows, long t0, long now, int overdueUpTo, int dueUpTo)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var columns = new List<string>();
        await using (var read = new NpgsqlCommand(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'invitationkit_invitations' ORDER BY ordinal_position", connection))
        await using (var reader = await read.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                columns.Add(reader.GetString(0));
            }
        }

        var generated = new Dictionary<string, string>
        {
            ["id"] = "md5(@account || n.x::text)::uuid",
            ["account_id"] = "@account",
            ["email"] = "'u' || n.x::text || '@example.com'",
            ["email_key"] = "'u' || n.x::text || '@example.com'",
            ["secret_hash"] = "decode(md5(@account || n.x::text) || md5('s' || n.x::text), 'hex')",
            ["status"] = "n.x % 5",
            ["invited_by"] = "'owner' || (n.x % 10)::text",
            ["created_at"] = "@t0 + (n.x / 3)::bigint * 10000000",
            ["issued_at"] = "@t0 + (n.x / 3)::bigint * 10000000",
            ["expires_at"] = "CASE WHEN n.x <= @overdueUpTo THEN @now - 10000000 ELSE @now + 6 * 864000000000 END",
            ["next_delivery_at"] = "CASE WHEN n.x % 5 = 0 AND n.x > @overdueUpTo AND n.x <= @dueUpTo THEN @now - 10000000 ELSE NULL END",
            ["resolved_at"] = "CASE WHEN n.x % 5 = 0 THEN NULL ELSE @t0 + (n.x / 3)::bigint * 10000000 + 600000000 END",
        };
        var select = string.Join(", ", columns.Select(c => generated.TryGetValue(c, out var expression) ? expression : $"t.{c}"));
        await using (var insert = new NpgsqlCommand(
            $"INSERT INTO invitationkit_invitations ({string.Join(", ", columns)}) SELECT {select} FROM generate_series(1, @rows) AS n(x), invitationkit_invitations t WHERE t.id = @template; "
            + "DELETE FROM invitationkit_invitations WHERE id = @template",
            connection) { CommandTimeout = 600 })
        {
            insert.Parameters.AddWithValue("account", account);
            insert.Parameters.AddWithValue("rows", rows);
            insert.Parameters.AddWithValue("t0", t0);
            insert.Parameters.AddWithValue("now", now);
            insert.Parameters.AddWithValue("overdueUpTo", overdueUpTo);
            insert.Parameters.AddWithValue("dueUpTo", dueUpTo);
            insert.Parameters.AddWithValue("template", templateId);
            await insert.ExecuteNonQueryAsync();
        }

        await using var analyze = new NpgsqlCommand("VACUUM ANALYZE", connection) { CommandTimeout = 600 };
        await analyze.ExecuteNonQueryAsync();
    }
}
