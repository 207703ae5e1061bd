using InvitationKit.EntityFrameworkCore.Model;
using InvitationKit.Ports;
using Microsoft.EntityFrameworkCore;
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
        var ticks = ToTicks(now);
        var invitations = Invitations.AsNoTracking().Where(i => i.AccountId == query.AccountId);
        invitations = query.Status switch
        {
            null => invitations,
            InvitationStatus.Pending => invitations.Where(i => i.Status == Pending && i.ExpiresAt > ticks),
            InvitationStatus.Expired => invitations.Where(i => i.Status == Expired || (i.Status == Pending && i.ExpiresAt <= ticks)),
            var status => invitations.Where(i => i.Status == (int)status),
        };
        if (query.Delivery is { } delivery)
        {
            invitations = invitations.Where(i => i.Delivery == (int)delivery);
        }

        int? total = query.IncludeTotal ? await invitations.CountAsync(cancellationToken).ConfigureAwait(false) : null;
        var ordered = invitations.OrderByDescending(i => i.CreatedAt).ThenByDescending(i => i.Id);
        var after = InvitationListCursor.TryDecode(query.ContinuationToken, out var cursor)
            ? Keyset(ordered, ToTicks(cursor.CreatedAt), cursor.Id)
            : ordered.Skip(query.Offset);

        // One row more than the page says whether another page follows, without counting.
        var rows = await after.Take(query.Limit + 1).ToListAsync(cancellationToken).ConfigureAwait(false);
        return InvitationListCursor.PageOf(query, [.. rows.Select(ToInvitation)], total);
    }

    /// <summary>
    /// The invitations after a cursor, in the listing's order. <c>created_at &lt;= @c</c> is the range the listing index
    /// seeks to, at any depth; the rest only drops the cursor's own ties up to its id.
    /// </summary>
    private static IQueryable<InvitationEntity> Keyset(IOrderedQueryable<InvitationEntity> ordered, long createdAt, Guid id) =>
        ordered.Where(i => i.CreatedAt <= createdAt && (i.CreatedAt < createdAt || i.Id < id));
}
