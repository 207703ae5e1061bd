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
        await OpenAsync(cancellationToken).ConfigureAwait(false);
        var ticks = ToTicks(now);
        var entities = await Invitations.AsNoTracking()
            .Where(i => i.Status == Pending && i.NextDeliveryAt != null && i.NextDeliveryAt <= ticks && i.ExpiresAt > ticks)
            .OrderBy(i => i.NextDeliveryAt).Take(limit).ToListAsync(cancellationToken).ConfigureAwait(false);
        return entities.Select(Remember).ToArray();
    }

    public async Task<int> RecordDeliveriesAsync(IReadOnlyList<DeliveryRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        await OpenAsync(cancellationToken).ConfigureAwait(false);
        // One statement per outcome (usually one: all sent). The secret hash is unique, so it names the row and proves
        // the invitation still carries the secret that was mailed.
        var updated = 0;
        foreach (var group in records.GroupBy(r => (r.State, r.NextDeliveryAt)))
        {
            var sql = new SqlBuilder();
            var delivery = sql.Value((int)group.Key.State);
            var next = sql.Value(group.Key.NextDeliveryAt is { } at ? ToTicks(at) : null);
            var hashes = sql.List(group.Select(r => r.SecretHash.ToArray()));
            sql.Append($"UPDATE {Tables.Invitations} SET delivery = {delivery}, next_delivery_at = {next}, revision = revision + 1 WHERE status = 0 AND secret_hash IN ({hashes})");
            updated += await RawSql.ExecuteAsync(_context, sql, cancellationToken).ConfigureAwait(false);
        }

        return updated;
    }
}
