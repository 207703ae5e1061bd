using InvitationKit.Ports;
using NodaTime;

namespace InvitationKit.Testing;

/// <summary>An account's invitations, a page at a time, filtered and searched as <see cref="IInvitationStore.ListAsync"/> says.</summary>
public sealed partial class InMemoryInvitationStore
{
    /// <inheritdoc />
    public Task<Page<Invitation>> ListAsync(InvitationQuery query, Instant now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var matching = _invitations.Values
                .Where(i => i.AccountId == query.AccountId)
                .Where(i => query.Status is null || InvitationStatusMachine.EffectiveStatus(i, now) == query.Status)
                .Where(i => query.Delivery is null || i.Delivery == query.Delivery)
                .Where(i => query.EmailPrefix is null || i.EmailKey.StartsWith(query.EmailPrefix, StringComparison.Ordinal))
                .Where(i => query.InvitedBy is null || i.InvitedBy == query.InvitedBy)
                .OrderByDescending(i => i.CreatedAt)
                .ThenByDescending(i => i.Id)
                .ToArray();
            var after = InvitationListCursor.TryDecode(query.ContinuationToken, out var cursor)
                ? matching.SkipWhile(i => i.CreatedAt > cursor.CreatedAt || (i.CreatedAt == cursor.CreatedAt && i.Id.CompareTo(cursor.Id) >= 0))
                : matching.Skip(query.Offset);
            int? total = !query.IncludeTotal ? null
                : query.Delivery is null && query.EmailPrefix is null && query.InvitedBy is null ? CountByStatus(query.AccountId, query.Status, now)
                : matching.Length;
            return Task.FromResult(InvitationListCursor.PageOf(query, [.. after.Take(query.Limit + 1)], total));
        }
    }

    /// <summary>The total of an account's invitations, or of those with one effective status, from the kept counts (as a database store reads it).</summary>
    private int CountByStatus(string accountId, InvitationStatus? status, Instant now)
    {
        if (!_accounts.TryGetValue(accountId, out var account))
        {
            return 0;
        }

        var stored = account.StoredByStatus;
        return status switch
        {
            null => stored.Sum(),
            InvitationStatus.Pending => stored[(int)InvitationStatus.Pending] - CountOverdue(account, now),
            InvitationStatus.Expired => stored[(int)InvitationStatus.Expired] + CountOverdue(account, now),
            { } terminal => stored[(int)terminal],
        };
    }
}
