using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using InvitationKit.EntityFrameworkCore;

namespace InvitationKit.Benchmarks.Store;

/// <summary>
/// The floor: the same work as the kit's store paths, written by hand in ADO.NET with the fewest round trips — one
/// transaction that locks the account, checks the actor's membership, seats and pending addresses in one query and
/// inserts the batch, each row with its mail's lease (the outbox), in one statement, then one statement that records
/// the batch's mail sent; an accept that finds the link, swaps the status and adds the member in one
/// transaction; the actor's membership and a page read from the listing index in one command; the actor's membership
/// and the seat count in one query (from the counter the schema's triggers keep, as the kit reads it). Like the kit,
/// the floor authorizes the actor (the founding owner) from their membership before it answers.
/// </summary>
internal sealed class StoreFloor(BenchmarkDatabase database, byte[] key)
{
    private const string Account = "acme";
    private const string Actor = "owner";
    private static readonly string[] Columns =
    [
        "id", "account_id", "activation_claimed_at", "created_at", "delivery", "delivery_attempts", "email", "email_key", "expires_at", "grants_owner",
        "invited_by", "issued_at", "key_id", "kind", "next_delivery_at", "otp_hash", "product_id", "resolved_at", "resolved_by", "revision", "roles",
        "secret_hash", "send_count", "status", "user_id",
    ];

    // The lease of a batch's mail, as the kit's default (InvitationDeliveryOptions.LeaseTimeout): two minutes.
    private static readonly long LeaseTicks = TimeSpan.FromMinutes(2).Ticks;

    private bool Sqlite => database.Kind == InvitationKitDatabase.Sqlite;

    /// <summary>Invites new users (a secret and a code hashed for each), all or nothing within the seat limit.</summary>
    /// <returns>The link secrets' hashes, for accepting.</returns>
    public async Task<byte[][]> InviteAsync(IReadOnlyList<string> emails, long now, string? userIdPrefix = null)
    {
        await using var connection = database.NewConnection();
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var lockAccount = Command(connection, transaction,
            "INSERT INTO invitationkit_account_locks (account_id, version) VALUES (@a, 1) ON CONFLICT (account_id) DO UPDATE SET version = invitationkit_account_locks.version + 1"))
        {
            Add(lockAccount, "@a", Account);
            await lockAccount.ExecuteNonQueryAsync();
        }

        var keys = string.Join(", ", emails.Select((_, i) => $"@e{i}"));
        await using (var check = Command(connection, transaction,
            "SELECT COALESCE((SELECT stored_seats FROM invitationkit_account_locks WHERE account_id = @a), 0) - (SELECT COUNT(*) FROM invitationkit_invitations WHERE account_id = @a AND status = 0 AND expires_at <= @now), "
            + $"(SELECT COUNT(*) FROM invitationkit_invitations WHERE account_id = @a AND status = 0 AND email_key IN ({keys})), "
            + "(SELECT is_owner FROM invitationkit_members WHERE account_id = @a AND user_id = @u)"))
        {
            Add(check, "@a", Account);
            Add(check, "@now", now);
            Add(check, "@u", Actor);
            for (var i = 0; i < emails.Count; i++)
            {
                Add(check, $"@e{i}", emails[i]);
            }

            await using var reader = await check.ExecuteReaderAsync();
            await reader.ReadAsync();
            if (reader.GetInt64(0) + emails.Count > 10_000_000 || reader.GetInt64(1) > 0 || reader.IsDBNull(2) || !reader.GetBoolean(2))
            {
                throw new InvalidOperationException("The floor's batch was refused.");
            }
        }

        var hashes = new byte[emails.Count][];
        var values = new List<string>();
        await using var insert = Command(connection, transaction, string.Empty);
        for (var r = 0; r < emails.Count; r++)
        {
            hashes[r] = HMACSHA256.HashData(key, RandomNumberGenerator.GetBytes(32));
            var otp = userIdPrefix is null ? HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(RandomNumberGenerator.GetInt32(1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture))) : null;
            object?[] row =
            [
                Id(Guid.CreateVersion7()), Account, null, now, 0, 1, emails[r], emails[r], now + TimeSpan.FromDays(7).Ticks, false,
                "owner", now, 0, userIdPrefix is null ? 1 : 0, now + LeaseTicks, otp, "cloud", null, null, 1L, "[\"VIEWER\"]",
                hashes[r], 1, 0, userIdPrefix is null ? null : userIdPrefix + r,
            ];
            values.Add("(" + string.Join(", ", row.Select((value, c) => Add(insert, $"@p{r}_{c}", value))) + ")");
        }

        insert.CommandText = $"INSERT INTO invitationkit_invitations ({string.Join(", ", Columns)}) VALUES {string.Join(", ", values)}";
        await insert.ExecuteNonQueryAsync();
        await transaction.CommitAsync();

        // The mail is "sent" (nothing here, as the kit's in-memory mailer), then recorded in one statement, as the kit
        // records a batch's deliveries: the rows leave the outbox. Like the kit's record, its commit does not wait for
        // PostgreSQL's disk.
        await using var record = Command(connection, null, string.Empty);
        record.CommandText = (Sqlite ? string.Empty : "SELECT set_config('synchronous_commit', 'off', true); ") + "UPDATE invitationkit_invitations SET delivery = 1, next_delivery_at = NULL, revision = revision + 1 "
            + $"WHERE status = 0 AND secret_hash IN ({string.Join(", ", hashes.Select((h, i) => Add(record, $"@h{i}", h)))})";
        await record.ExecuteNonQueryAsync();
        return hashes;
    }

    /// <summary>
    /// Accepts by the link's secret hash: the invitation found, swapped to accepted, the member added; on PostgreSQL the swap
    /// and the insert are one statement (2 round trips in all), on SQLite two in a transaction.
    /// </summary>
    public async Task AcceptAsync(byte[] secretHash, long now)
    {
        await using var connection = database.NewConnection();
        await connection.OpenAsync();
        object id;
        string userId;
        long revision;
        await using (var find = Command(connection, null, "SELECT id, user_id, revision FROM invitationkit_invitations WHERE secret_hash = @h"))
        {
            Add(find, "@h", secretHash);
            await using var reader = await find.ExecuteReaderAsync();
            await reader.ReadAsync();
            (id, userId, revision) = (reader.GetValue(0), reader.GetString(1), reader.GetInt64(2));
        }

        const string Swap = "UPDATE invitationkit_invitations SET status = 1, resolved_at = @now, resolved_by = @u, revision = revision + 1 WHERE id = @id AND revision = @r AND status = 0";
        const string Insert = "INSERT INTO invitationkit_members (account_id, user_id, roles, is_owner, joined_at, invitation_id) ";
        void AddSwap(DbCommand command)
        {
            Add(command, "@r", revision);
            Add(command, "@now", now);
            Add(command, "@u", userId);
            Add(command, "@id", id);
        }

        if (!Sqlite)
        {
            // PostgreSQL: the swap and the insert as one statement, atomic by itself, as the kit sends it.
            await using var both = Command(connection, null, $"WITH swapped AS ({Swap} RETURNING 1) {Insert}SELECT @a, @u, '[\"VIEWER\"]', @o, @now, @id FROM swapped");
            AddSwap(both);
            Add(both, "@a", Account);
            Add(both, "@o", false);
            if (await both.ExecuteNonQueryAsync() != 1)
            {
                throw new InvalidOperationException("The floor's accept lost its compare-and-swap.");
            }

            return;
        }

        await using var transaction = await connection.BeginTransactionAsync();
        await using (var swap = Command(connection, transaction, Swap))
        {
            AddSwap(swap);
            if (await swap.ExecuteNonQueryAsync() != 1)
            {
                throw new InvalidOperationException("The floor's accept lost its compare-and-swap.");
            }
        }

        await using (var member = Command(connection, transaction, $"{Insert}VALUES (@a, @u, '[\"VIEWER\"]', @o, @now, @id)"))
        {
            Add(member, "@a", Account);
            Add(member, "@u", userId);
            Add(member, "@o", false);
            Add(member, "@now", now);
            Add(member, "@id", id);
            await member.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }

    /// <summary>The actor's membership (may they manage the account?) and the newest page of its invitations, in one command.</summary>
    public async Task<int> ListPageAsync(int limit)
    {
        await using var connection = database.NewConnection();
        await connection.OpenAsync();
        await using var page = Command(connection, null,
            "SELECT is_owner FROM invitationkit_members WHERE account_id = @a AND user_id = @u; "
            + $"SELECT * FROM invitationkit_invitations WHERE account_id = @a ORDER BY created_at DESC, id DESC LIMIT {limit + 1}"); // every column, as the kit's page
        Add(page, "@a", Account);
        Add(page, "@u", Actor);
        await using var reader = await page.ExecuteReaderAsync();
        MayManage(await reader.ReadAsync() && reader.GetBoolean(0));
        await reader.NextResultAsync();
        var rows = 0;
        var values = new object[reader.FieldCount];
        while (await reader.ReadAsync())
        {
            reader.GetValues(values);
            rows++;
        }

        return rows;
    }

    /// <summary>
    /// The actor's membership and the account's members plus pending, unexpired invitations, in one query: the schema's
    /// counter less the overdue ones.
    /// </summary>
    public async Task<long> SeatsAsync(long now)
    {
        await using var connection = database.NewConnection();
        await connection.OpenAsync();
        await using var count = Command(connection, null,
            "SELECT m.is_owner, COALESCE((SELECT stored_seats FROM invitationkit_account_locks WHERE account_id = @a), 0) - (SELECT COUNT(*) FROM invitationkit_invitations WHERE account_id = @a AND status = 0 AND expires_at <= @now) "
            + "FROM invitationkit_members m WHERE m.account_id = @a AND m.user_id = @u");
        Add(count, "@a", Account);
        Add(count, "@now", now);
        Add(count, "@u", Actor);
        await using var reader = await count.ExecuteReaderAsync();
        MayManage(await reader.ReadAsync() && reader.GetBoolean(0));
        return Convert.ToInt64(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void MayManage(bool owner)
    {
        if (!owner)
        {
            throw new InvalidOperationException("The floor's actor may not manage the account.");
        }
    }

    private object Id(Guid id) => Sqlite ? id.ToString().ToUpperInvariant() : id;

    internal static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        (command.CommandText, command.Transaction) = (sql, transaction);
        return command;
    }

    internal static string Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        (parameter.ParameterName, parameter.Value) = (name, value ?? DBNull.Value);
        command.Parameters.Add(parameter);
        return name;
    }
}
