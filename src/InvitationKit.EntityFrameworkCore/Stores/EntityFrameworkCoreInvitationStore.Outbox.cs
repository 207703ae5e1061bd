using System.Globalization;
using InvitationKit.EntityFrameworkCore.Model;
using InvitationKit.Ports;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using static InvitationKit.EntityFrameworkCore.Model.EntityMapping;

namespace InvitationKit.EntityFrameworkCore.Stores;

/// <summary>
/// The outbox (due mail and the outcomes of sends) and the expiry sweep's reads: overdue invitations, and ended ones whose
/// pending user awaits release.
/// </summary>
internal sealed partial class EntityFrameworkCoreInvitationStore<TContext>
{
    public async Task<IReadOnlyList<Invitation>> FindOverdueAsync(Instant now, int limit, CancellationToken cancellationToken)
    {
        await OpenAsync(cancellationToken).ConfigureAwait(false);
        var ticks = ToTicks(now);
        var entities = await Invitations.AsNoTracking().Where(i => i.Status == Pending && i.ExpiresAt <= ticks)
            .OrderBy(i => i.ExpiresAt).Take(limit).ToListAsync(cancellationToken).ConfigureAwait(false);
        return entities.Select(Remember).ToArray();
    }

    public async Task<IReadOnlyList<Invitation>> FindPendingUserReleasesAsync(int limit, CancellationToken cancellationToken)
    {
        await OpenAsync(cancellationToken).ConfigureAwait(false);
        // A range of the partial index ix_invitationkit_invitations_user_release: only marked rows are in it.
        var entities = await Invitations.AsNoTracking().Where(i => i.PendingUserReleaseDue)
            .OrderBy(i => i.ResolvedAt).ThenBy(i => i.Id).Take(limit).ToListAsync(cancellationToken).ConfigureAwait(false);
        return entities.Select(Remember).ToArray();
    }

    public async Task<IReadOnlyList<Invitation>> FindDueForDeliveryAsync(Instant now, int limit, CancellationToken cancellationToken)
    {
        // A raw command read by the model's compiled setters (EntityRows): EF Core's query pipeline and materializer cost
        // about as much as the database for a page of due mail. The status is written as its literal, as EF Core writes a
        // constant, so the planner can use the partial indexes on pending invitations.
        await OpenAsync(cancellationToken).ConfigureAwait(false);
        var sql = new SqlBuilder();
        var at = sql.Value(ToTicks(now));
        sql.Append($"SELECT {EntityColumns<InvitationEntity>.SelectList(_context.Model)} FROM {Tables.Invitations} WHERE status = {Pending.ToString(CultureInfo.InvariantCulture)} AND next_delivery_at IS NOT NULL "
            + $"AND next_delivery_at <= {at} AND expires_at > {at} ORDER BY next_delivery_at LIMIT {sql.Value(limit)}");
        await using var reader = await RawSql.ExecuteReaderAsync(_context, sql, cancellationToken).ConfigureAwait(false);
        var entities = await EntityRows.ReadAsync<InvitationEntity>(_context, reader.DbDataReader, cancellationToken).ConfigureAwait(false);
        return entities.Select(Remember).ToArray();
    }

    public async Task<IReadOnlyList<Invitation>> FindDueNoticesAsync(Instant now, int limit, CancellationToken cancellationToken)
    {
        await OpenAsync(cancellationToken).ConfigureAwait(false);
        // A range of the partial index ix_invitationkit_invitations_notices: only rows with a notice due are in it.
        var ticks = ToTicks(now);
        var entities = await Invitations.AsNoTracking().Where(i => i.NoticeDueAt != null && i.NoticeDueAt <= ticks)
            .OrderBy(i => i.NoticeDueAt).ThenBy(i => i.Id).Take(limit).ToListAsync(cancellationToken).ConfigureAwait(false);
        return entities.Select(Remember).ToArray();
    }

    public async Task<IReadOnlyList<Invitation>> FindDueForReminderAsync(Instant now, Duration lead, int limit, CancellationToken cancellationToken)
    {
        await OpenAsync(cancellationToken).ConfigureAwait(false);
        // A range of ix_invitationkit_invitations_overdue (status, expires_at): the pending invitations expiring within the lead.
        var (from, to, leadTicks, sent) = (ToTicks(now), ToTicks(now + lead), lead.BclCompatibleTicks, (int)DeliveryState.Sent);
        var entities = await Invitations.AsNoTracking()
            .Where(i => i.Status == Pending && i.ExpiresAt > from && i.ExpiresAt <= to && i.RemindedAt == null && i.NextDeliveryAt == null
                && i.Delivery == sent && !i.HostDelivered && i.IssuedAt + leadTicks < i.ExpiresAt)
            .OrderBy(i => i.ExpiresAt).ThenBy(i => i.Id).Take(limit).ToListAsync(cancellationToken).ConfigureAwait(false);
        return entities.Select(Remember).ToArray();
    }

    public async Task<IReadOnlyList<Invitation>> ClaimForDeliveryAsync(IReadOnlyList<Invitation> leases, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(leases);
        if (leases.Count == 0)
        {
            return [];
        }

        await OpenAsync(cancellationToken).ConfigureAwait(false);
        // One statement for the whole batch: a compare-and-swap per row (its revision), each lease's values joined in from
        // a VALUES list. The OTP hash is cast, so a list of only null ones (existing users' invitations) keeps its type.
        var sql = new SqlBuilder();
        var binary = _dialect.Database == InvitationKitDatabase.PostgreSql ? "bytea" : "BLOB";
        var rows = string.Join(", ", leases.Select(l =>
            $"({sql.Value(_dialect.GuidParameter(l.Id))}, {sql.Value(l.Revision)}, {sql.Value(l.SecretHash.ToArray())}, "
            + $"CAST({sql.Value(l.OtpHash?.ToArray())} AS {binary}), {sql.Value(l.KeyId)}, {sql.Value(ToTicks(l.IssuedAt))}, "
            + $"{sql.Value(l.DeliveryAttempts)}, {sql.Value(l.NextDeliveryAt is { } next ? ToTicks(next) : null)})"));
        const string I = Tables.Invitations;
        sql.Append(
            $"WITH lease (id, revision, secret_hash, otp_hash, key_id, issued_at, delivery_attempts, next_delivery_at) AS (VALUES {rows}) "
            + "UPDATE " + I + " SET secret_hash = lease.secret_hash, otp_hash = lease.otp_hash, key_id = lease.key_id, issued_at = lease.issued_at, "
            + "delivery_attempts = lease.delivery_attempts, next_delivery_at = lease.next_delivery_at, revision = " + I + ".revision + 1 "
            + "FROM lease WHERE " + I + ".id = lease.id AND " + I + ".revision = lease.revision RETURNING " + I + ".id");
        var claimed = new HashSet<Guid>();
        await using (var reader = await RawSql.ExecuteReaderAsync(_context, sql, cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                claimed.Add(reader.DbDataReader.GetGuid(0));
            }
        }

        var stored = leases.Where(l => claimed.Contains(l.Id)).Select(l => l with { Revision = l.Revision + 1 }).ToArray();
        foreach (var lease in leases)
        {
            _read.Remove(lease.Id);
        }

        foreach (var invitation in stored)
        {
            _read[invitation.Id] = invitation; // as stored: a later change of it writes only what changed
        }

        return stored;
    }

    public async Task<int> RecordDeliveriesAsync(IReadOnlyList<DeliveryRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        await OpenAsync(cancellationToken).ConfigureAwait(false);
        // One statement per outcome (usually one: all sent). The secret hash is unique, so it names the row and proves
        // the invitation still carries the secret that was mailed. A record lost to a database crash is a mail sent
        // again when its lease lapses, so its commit does not wait for the disk.
        var updated = 0;
        foreach (var group in records.GroupBy(r => (r.State, r.NextDeliveryAt)))
        {
            var sql = new SqlBuilder();
            _dialect.CommitWithoutWaitingForDisk(sql, _context);
            var delivery = sql.Value((int)group.Key.State);
            var next = sql.Value(group.Key.NextDeliveryAt is { } at ? ToTicks(at) : null);
            var hashes = sql.List(group.Select(r => r.SecretHash.ToArray()));
            sql.Append($"UPDATE {Tables.Invitations} SET delivery = {delivery}, next_delivery_at = {next}, revision = revision + 1 WHERE status = 0 AND secret_hash IN ({hashes})");
            updated += await RawSql.ExecuteAsync(_context, sql, cancellationToken).ConfigureAwait(false);
        }

        return updated;
    }
}
