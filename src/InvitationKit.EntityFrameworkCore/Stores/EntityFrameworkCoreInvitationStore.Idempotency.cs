using InvitationKit.EntityFrameworkCore.Model;
using InvitationKit.Ports;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using static InvitationKit.EntityFrameworkCore.Model.EntityMapping;

namespace InvitationKit.EntityFrameworkCore.Stores;

/// <summary>Invites recorded under their idempotency key: found, recorded in the batch's transaction, forgotten by age.</summary>
internal sealed partial class EntityFrameworkCoreInvitationStore<TContext>
{
    /// <summary>Marks a reissued invitation's id in the recorded ids (<see cref="IdempotentInvite.ReissuedIds"/>); no schema change needed.</summary>
    private const char ReissuedMark = '~';

    public async Task<IdempotentInvite?> FindIdempotentInviteAsync(string accountId, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(accountId);
        ArgumentNullException.ThrowIfNull(idempotencyKey);
        await OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await IdempotentInvites.AsNoTracking()
            .FirstOrDefaultAsync(k => k.AccountId == accountId && k.IdempotencyKey == idempotencyKey, cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            return null;
        }

        // A reissued invitation's id is written with a leading '~' (see RecordIdempotencyKeyAsync).
        var ids = row.InvitationIds.Split(',', StringSplitOptions.RemoveEmptyEntries);
        return new IdempotentInvite(row.RequestFingerprint, [.. ids.Select(id => Guid.Parse(id.TrimStart(ReissuedMark)))])
        {
            ReissuedIds = [.. ids.Where(id => id[0] == ReissuedMark).Select(id => Guid.Parse(id.AsSpan(1)))],
        };
    }

    public async Task<int> DeleteIdempotencyKeysAsync(Instant recordedBefore, CancellationToken cancellationToken)
    {
        await OpenAsync(cancellationToken).ConfigureAwait(false);
        var before = ToTicks(recordedBefore);
        return await IdempotentInvites.Where(k => k.RecordedAt < before).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Records the key with the batch, in its transaction; false when the account holds the key already.</summary>
    private async Task<bool> RecordIdempotencyKeyAsync(InvitationBatch batch, string key, long now, CancellationToken cancellationToken)
    {
        var sql = new SqlBuilder();
        var reissued = batch.Reissued.Select(i => i.Id).ToHashSet();
        var ids = string.Join(',', batch.InvitationIds.Select(id => reissued.Contains(id) ? ReissuedMark + id.ToString("D") : id.ToString("D")));
        var first = batch.Invitations.Count > 0 ? batch.Invitations[0].Id : batch.Reissued[0].Id; // a withdrawn batch forgets its key by its first new invitation
        var values = sql.List([batch.AccountId, key, batch.RequestFingerprint ?? string.Empty, ids, first, now]);
        sql.Append($"INSERT INTO {Tables.IdempotentInvites} (account_id, idempotency_key, request_fingerprint, invitation_ids, first_invitation_id, recorded_at) "
            + $"VALUES ({values}) ON CONFLICT (account_id, idempotency_key) DO NOTHING");
        return await RawSql.ExecuteAsync(_context, sql, cancellationToken).ConfigureAwait(false) == 1;
    }
}
