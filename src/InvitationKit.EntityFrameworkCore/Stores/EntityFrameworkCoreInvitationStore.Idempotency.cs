using InvitationKit.EntityFrameworkCore.Model;
using InvitationKit.Ports;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using static InvitationKit.EntityFrameworkCore.Model.EntityMapping;

namespace InvitationKit.EntityFrameworkCore.Stores;

/// <summary>Invites recorded under their idempotency key: found, recorded in the batch's transaction, forgotten by age.</summary>
internal sealed partial class EntityFrameworkCoreInvitationStore<TContext>
{
    public async Task<IdempotentInvite?> FindIdempotentInviteAsync(string accountId, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(accountId);
        ArgumentNullException.ThrowIfNull(idempotencyKey);
        await OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await IdempotentInvites.AsNoTracking()
            .FirstOrDefaultAsync(k => k.AccountId == accountId && k.IdempotencyKey == idempotencyKey, cancellationToken).ConfigureAwait(false);
        return row is null
            ? null
            : new IdempotentInvite(row.RequestFingerprint, [.. row.InvitationIds.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Guid.Parse)]);
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
        var values = sql.List([batch.AccountId, key, batch.RequestFingerprint ?? string.Empty, string.Join(',', batch.Invitations.Select(i => i.Id.ToString("D"))), batch.Invitations[0].Id, now]);
        sql.Append($"INSERT INTO {Tables.IdempotentInvites} (account_id, idempotency_key, request_fingerprint, invitation_ids, first_invitation_id, recorded_at) "
            + $"VALUES ({values}) ON CONFLICT (account_id, idempotency_key) DO NOTHING");
        return await RawSql.ExecuteAsync(_context, sql, cancellationToken).ConfigureAwait(false) == 1;
    }
}
