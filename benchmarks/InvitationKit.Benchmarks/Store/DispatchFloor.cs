using System.Security.Cryptography;
using System.Text;
using InvitationKit.EntityFrameworkCore;
using static InvitationKit.Benchmarks.Store.StoreFloor;

namespace InvitationKit.Benchmarks.Store;

/// <summary>
/// The dispatcher's floor: draining due mail by hand in ADO.NET with the fewest round trips — one query for the due rows,
/// then per 100 of them one statement that claims them (fresh secret and code hashes, a lease, a compare-and-swap on the
/// revision per row) and, after the sends, one that records them sent. The same work as the kit: a random secret and
/// six-digit code per mail, HMAC-SHA-256 hashed, handed to an in-memory "mailer".
/// </summary>
internal sealed class DispatchFloor(BenchmarkDatabase database, byte[] key)
{
    private const int Chunk = 100;

    private bool Sqlite => database.Kind == InvitationKitDatabase.Sqlite;

    /// <summary>Sends every due mail (up to <paramref name="max"/>) and records it sent.</summary>
    /// <returns>How many were sent.</returns>
    public async Task<int> DrainAsync(long now, long leaseEnd, int max, List<(Guid Id, string Email, string Secret, string Code)> mailbox)
    {
        await using var connection = database.NewConnection();
        await connection.OpenAsync();
        var due = new List<(Guid Id, long Revision, string Email)>();
        await using (var find = Command(connection, null,
            $"SELECT id, revision, email FROM invitationkit_invitations WHERE status = 0 AND next_delivery_at <= @now AND expires_at > @now ORDER BY next_delivery_at LIMIT {max}"))
        {
            Add(find, "@now", now);
            await using var reader = await find.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                due.Add((reader.GetGuid(0), reader.GetInt64(1), reader.GetString(2)));
            }
        }

        var sent = 0;
        foreach (var chunk in due.Chunk(Chunk))
        {
            var mails = chunk.Select(d => (d.Id, d.Revision, d.Email, Secret: RandomNumberGenerator.GetHexString(43), Code: RandomNumberGenerator.GetString("0123456789", 6))).ToArray();
            var hashes = mails.Select(m => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(m.Secret))).ToArray();
            var claimed = new HashSet<Guid>();
            await using (var claim = Command(connection, null, string.Empty))
            {
                var rows = string.Join(", ", mails.Select((m, i) =>
                    $"({Add(claim, $"@i{i}", Sqlite ? m.Id.ToString().ToUpperInvariant() : m.Id)}, {Add(claim, $"@r{i}", m.Revision)}, {Add(claim, $"@s{i}", hashes[i])}, "
                    + $"{Add(claim, $"@o{i}", HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(m.Code)))})"));
                Add(claim, "@now", now);
                Add(claim, "@lease", leaseEnd);
                claim.CommandText = $"WITH lease (id, revision, secret_hash, otp_hash) AS (VALUES {rows}) "
                    + "UPDATE invitationkit_invitations SET secret_hash = lease.secret_hash, otp_hash = lease.otp_hash, issued_at = @now, "
                    + "delivery_attempts = invitationkit_invitations.delivery_attempts + 1, next_delivery_at = @lease, revision = invitationkit_invitations.revision + 1 "
                    + "FROM lease WHERE invitationkit_invitations.id = lease.id AND invitationkit_invitations.revision = lease.revision RETURNING invitationkit_invitations.id";
                await using var reader = await claim.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    claimed.Add(reader.GetGuid(0));
                }
            }

            var delivered = new List<byte[]>();
            for (var i = 0; i < mails.Length; i++)
            {
                if (claimed.Contains(mails[i].Id))
                {
                    mailbox.Add((mails[i].Id, mails[i].Email, mails[i].Secret, mails[i].Code));
                    delivered.Add(hashes[i]);
                }
            }

            await using (var record = Command(connection, null, string.Empty))
            {
                var list = string.Join(", ", delivered.Select((h, i) => Add(record, $"@h{i}", h)));
                record.CommandText = $"UPDATE invitationkit_invitations SET delivery = 1, next_delivery_at = NULL, revision = revision + 1 WHERE status = 0 AND secret_hash IN ({list})";
                sent += await record.ExecuteNonQueryAsync();
            }
        }

        return sent;
    }
}
