using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace InvitationKit.LoadTest;

/// <summary>
/// The checks after the load, against the database both instances wrote: once all due mail is drained, every
/// acknowledged invitation is stored as sent and was mailed exactly once; every acknowledged acceptance made its
/// member; nothing was stored without an acknowledgement; and each account's seats — as both instances answer them, and
/// as the account's counter holds them — are exactly its members plus its pending invitations, within its limit.
/// </summary>
public static class LoadVerifier
{
    /// <summary>Runs the checks; returns what is wrong (nothing when all holds) and what was checked.</summary>
    /// <param name="connectionString">The database.</param>
    /// <param name="generator">The generator that drove the instances (for their answers and recorded mail).</param>
    /// <param name="settings">The run's settings.</param>
    /// <param name="phases">Every phase of the load.</param>
    /// <param name="drainTimeout">How long to wait for the dispatchers to send what is due.</param>
    public static async Task<(IReadOnlyList<string> Findings, string Checked)> VerifyAsync(
        string connectionString, LoadGenerator generator, LoadSettings settings, IReadOnlyList<LoadResult> phases, TimeSpan drainTimeout)
    {
        var findings = new List<string>();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();

        // 1. The dispatchers drain what is due: mail whose first attempt failed.
        var waited = Stopwatch.StartNew();
        long due;
        while ((due = await ScalarAsync(connection, "SELECT COUNT(*) FROM invitationkit_invitations WHERE status = 0 AND next_delivery_at IS NOT NULL")) > 0
            && waited.Elapsed < drainTimeout)
        {
            await Task.Delay(250);
        }

        if (due > 0)
        {
            findings.Add($"{due} mails still due {drainTimeout.TotalSeconds:F0} s after the load");
        }

        // 2. Every acknowledged invitation is stored, sent, and mailed exactly once.
        var stored = new Dictionary<Guid, (string Account, string Email, int Status, int Delivery)>();
        await ReadAsync(connection, "SELECT id, account_id, email, status, delivery FROM invitationkit_invitations",
            rows => stored[rows.GetGuid(0)] = (rows.GetString(1), rows.GetString(2), rows.GetInt32(3), rows.GetInt32(4)));

        var mail = await generator.RecordedMailAsync();
        var mailed = mail.GroupBy(m => m.InvitationId).ToDictionary(g => g.Key, g => g.Count());
        var acknowledged = phases.SelectMany(p => p.Invitations).ToList();
        foreach (var invitation in acknowledged)
        {
            if (!stored.TryGetValue(invitation.Id, out var row) || row.Account != invitation.AccountId || row.Email != invitation.Email)
            {
                findings.Add($"acknowledged invitation {invitation.Id} ({invitation.AccountId}, {invitation.Email}) is not stored as acknowledged");
            }
            else if (row.Delivery != 1)
            {
                findings.Add($"acknowledged invitation {invitation.Id} is stored with delivery {row.Delivery}, not sent");
            }

            if (mailed.GetValueOrDefault(invitation.Id) != 1)
            {
                findings.Add($"acknowledged invitation {invitation.Id} was mailed {mailed.GetValueOrDefault(invitation.Id)} times");
            }
        }

        var known = acknowledged.Select(i => i.Id).ToHashSet();
        var unacknowledged = stored.Keys.Count(id => !known.Contains(id));
        if (unacknowledged > 0)
        {
            findings.Add($"{unacknowledged} invitations are stored without an acknowledged invite");
        }

        var strayMail = mail.Count(m => !stored.ContainsKey(m.InvitationId));
        if (strayMail > 0)
        {
            findings.Add($"{strayMail} mails were sent for invitations that are not stored");
        }

        // 3. Every acknowledged acceptance is stored, with its member.
        var members = new Dictionary<(string Account, string User), Guid?>();
        await ReadAsync(connection, "SELECT account_id, user_id, invitation_id FROM invitationkit_members",
            rows => members[(rows.GetString(0), rows.GetString(1))] = rows.IsDBNull(2) ? null : rows.GetGuid(2));

        var acceptances = phases.SelectMany(p => p.Acceptances).ToList();
        foreach (var accepted in acceptances)
        {
            if (stored.GetValueOrDefault(accepted.Id).Status != 1 || members.GetValueOrDefault((accepted.AccountId, accepted.UserId)) != accepted.Id)
            {
                findings.Add($"acknowledged acceptance of {accepted.Id} by {accepted.UserId} is not stored as accepted with its member");
            }
        }

        // 4. Seats: members plus pending invitations, exactly, as both instances and the counter say, within the limit.
        var counters = new Dictionary<string, long>();
        await ReadAsync(connection, "SELECT account_id, stored_seats FROM invitationkit_account_locks", rows => counters[rows.GetString(0)] = rows.GetInt64(1));

        for (var account = 0; account < settings.Accounts; account++)
        {
            var id = settings.AccountId(account);
            var exact = members.Keys.Count(m => m.Account == id) + stored.Values.Count(i => i.Account == id && i.Status == 0);
            var limit = LoadAccounts.LimitOf(id);
            if (exact > limit)
            {
                findings.Add($"{id}: {exact} seats taken over its limit of {limit}");
            }

            if (counters.GetValueOrDefault(id) != exact)
            {
                findings.Add($"{id}: the seat counter holds {counters.GetValueOrDefault(id)}, not {exact}");
            }

            for (var instance = 0; instance < generator.Instances; instance++)
            {
                var (_, occupied) = await generator.SeatsAsync(instance, account);
                if (occupied != exact)
                {
                    findings.Add($"{id}: instance {instance} answers {occupied} seats taken, not {exact}");
                }
            }
        }

        var accepts = stored.Values.Count(i => i.Status == 1);
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"checked {acknowledged.Count} acknowledged invitations ({stored.Count} stored, {accepts} accepted, {mail.Count} mails sent), {acceptances.Count} acknowledged acceptances, the seats of {settings.Accounts} accounts on both instances; drained in {waited.Elapsed.TotalSeconds:F1} s");
        return (findings, summary);
    }

    private static async Task ReadAsync(NpgsqlConnection connection, string sql, Action<NpgsqlDataReader> row)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var rows = await command.ExecuteReaderAsync();
        while (await rows.ReadAsync())
        {
            row(rows);
        }
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
