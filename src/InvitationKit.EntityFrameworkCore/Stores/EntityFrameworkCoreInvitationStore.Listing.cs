using InvitationKit.EntityFrameworkCore.Model;
using InvitationKit.Ports;
using Microsoft.EntityFrameworkCore.Storage;
using NodaTime;
using static InvitationKit.EntityFrameworkCore.Model.EntityMapping;

namespace InvitationKit.EntityFrameworkCore.Stores;

/// <summary>An account's invitations, a page at a time: by offset or after a continuation token, counted only when asked.</summary>
internal sealed partial class EntityFrameworkCoreInvitationStore<TContext>
{
    public async Task<Page<Invitation>> ListAsync(InvitationQuery query, Instant now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await OpenAsync(cancellationToken).ConfigureAwait(false);
        var batch = new SqlBuilder();
        InvitationListing.AppendPage(batch, query, ToTicks(now), _dialect, EntityColumns<InvitationEntity>.SelectList(_context.Model));
        await using var reader = await RawSql.ExecuteReaderAsync(_context, batch, cancellationToken).ConfigureAwait(false);
        return await ReadPageAsync(reader, query, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The membership and, in the same command, the page, which the database reads only for a member.</summary>
    public Task<MemberRead<Page<Invitation>?>> FindMemberAndListAsync(string userId, InvitationQuery query, Instant now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userId);
        ArgumentNullException.ThrowIfNull(query);
        var batch = new SqlBuilder();
        var member = MemberStatement(batch, batch.Value(query.AccountId), userId);
        InvitationListing.AppendPage(batch, query, ToTicks(now), _dialect, EntityColumns<InvitationEntity>.SelectList(_context.Model), guard: $"EXISTS (SELECT 1 FROM {Tables.Members} WHERE {member})");
        return FindMemberAndReadAsync<Page<Invitation>?>(batch, async reader => await ReadPageAsync(reader, query, cancellationToken).ConfigureAwait(false), null, cancellationToken);
    }

    /// <summary>Reads the statements <see cref="InvitationListing.AppendPage"/> wrote: the total when asked for, then the rows.</summary>
    private async Task<Page<Invitation>> ReadPageAsync(RelationalDataReader reader, InvitationQuery query, CancellationToken cancellationToken)
    {
        var rows = reader.DbDataReader;
        int? total = null;
        if (query.IncludeTotal)
        {
            total = await EntityRows.ReadCountAsync(rows, cancellationToken).ConfigureAwait(false);
            await rows.NextResultAsync(cancellationToken).ConfigureAwait(false);
        }

        var page = await EntityRows.ReadAsync<InvitationEntity>(_context, rows, cancellationToken).ConfigureAwait(false);
        return InvitationListCursor.PageOf(query, [.. page.Select(ToInvitation)], total);
    }
}
