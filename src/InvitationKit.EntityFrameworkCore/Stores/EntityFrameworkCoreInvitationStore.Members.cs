using InvitationKit.EntityFrameworkCore.Model;
using InvitationKit.Ports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using NodaTime;
using static InvitationKit.EntityFrameworkCore.Model.EntityMapping;

namespace InvitationKit.EntityFrameworkCore.Stores;

/// <summary>Memberships: founding owners, imports, removal and listing, each under the account's lock where it counts seats or owners.</summary>
internal sealed partial class EntityFrameworkCoreInvitationStore<TContext>
{
    public async Task<Member?> FindMemberAsync(string accountId, string userId, CancellationToken cancellationToken)
    {
        await OpenAsync(cancellationToken).ConfigureAwait(false);
        var entity = await Members.AsNoTracking().FirstOrDefaultAsync(m => m.AccountId == accountId && m.UserId == userId, cancellationToken).ConfigureAwait(false);
        return entity is null ? null : ToMember(entity);
    }

    /// <summary>The membership and, in the same command, the seat count, which the database reads only for a member.</summary>
    public async Task<MemberRead<int>> FindMemberAndCountOccupiedSeatsAsync(string accountId, string userId, Instant now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(accountId);
        ArgumentNullException.ThrowIfNull(userId);
        // One statement, not a batch of two: the membership's row carries the count as one more column, which the
        // database computes only for a member (each statement is parsed, planned and answered apart, a large part of
        // a read this small).
        const string Occupied = "invitationkit_occupied_seats";
        var sql = new SqlBuilder();
        var account = sql.Value(accountId);
        sql.Append($"SELECT {EntityColumns<MemberEntity>.SelectList(_context.Model)}, {SeatCounter.Occupied(account, sql.Value(ToTicks(now)))} AS {Occupied} FROM {Tables.Members} m "
            + $"WHERE m.account_id = {account} AND m.user_id = {sql.Value(userId)}");
        await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var reader = await RawSql.ExecuteReaderAsync(_context, sql, cancellationToken).ConfigureAwait(false);
        var (member, occupied) = await EntityRows.ReadFirstAsync<MemberEntity>(_context, reader.DbDataReader, Occupied, cancellationToken).ConfigureAwait(false);
        return member is null ? new(null, 0) : new(ToMember(member), (int)occupied);
    }

    /// <summary>
    /// Appends the statement reading a user's membership of an account (its placeholder given) as the batch's first;
    /// returns its condition, for the statements after it to require the membership with.
    /// </summary>
    private string MemberStatement(SqlBuilder batch, string account, string userId)
    {
        var member = $"account_id = {account} AND user_id = {batch.Value(userId)}";
        batch.Statement($"SELECT {EntityColumns<MemberEntity>.SelectList(_context.Model)} FROM {Tables.Members} WHERE {member}");
        return member;
    }

    /// <summary>
    /// Sends a batch that <see cref="MemberStatement"/> began; reads the membership, then, for a member, the rest
    /// through <paramref name="readRest"/>. No member: <paramref name="none"/>, and the rest is left unread.
    /// </summary>
    private async Task<MemberRead<T>> FindMemberAndReadAsync<T>(SqlBuilder batch, Func<RelationalDataReader, Task<T>> readRest, T none, CancellationToken cancellationToken)
    {
        await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var reader = await RawSql.ExecuteReaderAsync(_context, batch, cancellationToken).ConfigureAwait(false);
        var found = await EntityRows.ReadAsync<MemberEntity>(_context, reader.DbDataReader, cancellationToken).ConfigureAwait(false);
        if (found.Count == 0)
        {
            return new(null, none);
        }

        await reader.DbDataReader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        return new(ToMember(found[0]), await readRest(reader).ConfigureAwait(false));
    }

    public Task<bool> TryAddFoundingOwnerAsync(Member owner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(owner);
        return InTransactionAsync(async () =>
        {
            await _dialect.LockAccountAsync(_context, owner.AccountId, cancellationToken).ConfigureAwait(false);
            if (await Members.AnyAsync(m => m.AccountId == owner.AccountId, cancellationToken).ConfigureAwait(false))
            {
                return (false, false);
            }

            Members.Add(ToEntity(owner));
            await _context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return (true, true);
        }, cancellationToken);
    }

    public Task<MemberRemovalStatus> RemoveMemberAsync(string accountId, string userId, CancellationToken cancellationToken) =>
        InTransactionAsync(async () =>
        {
            await _dialect.LockAccountAsync(_context, accountId, cancellationToken).ConfigureAwait(false);
            var member = await Members.FirstOrDefaultAsync(m => m.AccountId == accountId && m.UserId == userId, cancellationToken).ConfigureAwait(false);
            if (member is null)
            {
                return (MemberRemovalStatus.NotFound, false);
            }

            if (member.IsOwner && await Members.CountAsync(m => m.AccountId == accountId && m.IsOwner, cancellationToken).ConfigureAwait(false) == 1)
            {
                return (MemberRemovalStatus.LastOwner, false);
            }

            Members.Remove(member);
            await _context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return (MemberRemovalStatus.Removed, true);
        }, cancellationToken);

    public async Task<Page<Member>> ListMembersAsync(string accountId, int offset, int limit, CancellationToken cancellationToken)
    {
        await OpenAsync(cancellationToken).ConfigureAwait(false);
        var query = Members.AsNoTracking().Where(m => m.AccountId == accountId);
        var total = await query.CountAsync(cancellationToken).ConfigureAwait(false);
        var page = await query.OrderBy(m => m.JoinedAt).ThenBy(m => m.UserId).Skip(offset).Take(limit).ToListAsync(cancellationToken).ConfigureAwait(false);
        return new Page<Member>(page.Select(ToMember).ToArray(), total, offset);
    }

    public Task<MemberImportResult> ImportMembersAsync(MemberImportBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return InTransactionAsync(async () =>
        {
            await _dialect.LockAccountAsync(_context, batch.AccountId, cancellationToken).ConfigureAwait(false);
            var userIds = batch.Members.Select(m => m.UserId).ToArray();
            var already = await Members.Where(m => m.AccountId == batch.AccountId && userIds.Contains(m.UserId)).Select(m => m.UserId).ToListAsync(cancellationToken).ConfigureAwait(false);
            var alreadySet = already.ToHashSet(StringComparer.Ordinal);
            Member[] added = [.. batch.Members.Where(m => !alreadySet.Contains(m.UserId))];
            var occupied = await CountOccupiedAsync(batch.AccountId, ToTicks(batch.Now), cancellationToken).ConfigureAwait(false);
            if (occupied + added.Length > batch.UserLimit)
            {
                return (new MemberImportResult(MemberImportStatus.SeatsExhausted, occupied, already), false);
            }

            if (!added.Any(m => m.IsOwner) && !await Members.AnyAsync(m => m.AccountId == batch.AccountId && m.IsOwner, cancellationToken).ConfigureAwait(false))
            {
                return (new MemberImportResult(MemberImportStatus.OwnerRequired, occupied, already), false);
            }

            Members.AddRange(added.Select(ToEntity));
            await _context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return (new MemberImportResult(MemberImportStatus.Imported, occupied, already), true);
        }, cancellationToken);
    }

    public async Task<int> CountOccupiedSeatsAsync(string accountId, Instant now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(accountId);
        await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await CountOccupiedAsync(accountId, ToTicks(now), cancellationToken).ConfigureAwait(false);
    }

    private async Task<int> CountOccupiedAsync(string accountId, long now, CancellationToken cancellationToken)
    {
        var sql = new SqlBuilder();
        sql.Append("SELECT " + SeatCounter.Occupied(sql.Value(accountId), sql.Value(now)));
        await using var reader = await RawSql.ExecuteReaderAsync(_context, sql, cancellationToken).ConfigureAwait(false);
        return await EntityRows.ReadCountAsync(reader.DbDataReader, cancellationToken).ConfigureAwait(false);
    }
}
