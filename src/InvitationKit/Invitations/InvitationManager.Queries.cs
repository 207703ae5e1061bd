using InvitationKit.Permissions;
using InvitationKit.Ports;

namespace InvitationKit;

internal sealed partial class InvitationManager
{
    public async Task<InvitationResult<Page<InvitationView>>> ListAsync(Actor actor, InvitationQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var managed = await FindManagedAccountAsync(actor, query.AccountId, cancellationToken).ConfigureAwait(false);
        if (!managed.Succeeded)
        {
            return InvitationResult<Page<InvitationView>>.Failure(managed.Errors);
        }

        if (CheckPage(query.Offset, query.Limit) is { } badPage)
        {
            return badPage;
        }

        if (query.Status is { } status && !Enum.IsDefined(status))
        {
            return InvitationErrors.InvalidInput("status filter", status.ToString());
        }

        if (query.ContinuationToken is { } token && (query.Offset != 0 || !InvitationListCursor.TryDecode(token, out _)))
        {
            return InvitationErrors.InvalidInput("continuation token (with offset 0)", token);
        }

        var now = _clock.GetCurrentInstant();
        var page = await _store.ListAsync(query, now, cancellationToken).ConfigureAwait(false);
        return new Page<InvitationView>(page.Items.Select(i => InvitationView.From(i, now)).ToArray(), page.TotalCount, page.Offset)
        {
            ContinuationToken = page.ContinuationToken,
            HasMore = page.HasMore,
        };
    }

    public async Task<InvitationResult<InvitationView>> GetAsync(Actor actor, Guid invitationId, CancellationToken cancellationToken = default)
    {
        var found = await FindManagedAsync(actor, invitationId, cancellationToken).ConfigureAwait(false);
        return found.TryGetValue(out var managed)
            ? InvitationView.From(managed.Invitation, _clock.GetCurrentInstant())
            : InvitationResult<InvitationView>.Failure(found.Errors);
    }

    public async Task<InvitationResult<SeatUsage>> GetSeatUsageAsync(Actor actor, string accountId, CancellationToken cancellationToken = default)
    {
        var managed = await FindManagedAccountAsync(actor, accountId, cancellationToken).ConfigureAwait(false);
        if (!managed.TryGetValue(out var found))
        {
            return InvitationResult<SeatUsage>.Failure(managed.Errors);
        }

        var occupied = await _store.CountOccupiedSeatsAsync(accountId, _clock.GetCurrentInstant(), cancellationToken).ConfigureAwait(false);
        return new SeatUsage(found.Account.UserLimit ?? _options.DefaultUserLimit, occupied);
    }

    public async Task<InvitationResult<Page<Member>>> ListMembersAsync(Actor actor, MemberQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var (accountId, offset, limit) = query;
        var managed = await FindManagedAccountAsync(actor, accountId, cancellationToken).ConfigureAwait(false);
        if (!managed.Succeeded)
        {
            return InvitationResult<Page<Member>>.Failure(managed.Errors);
        }

        if (CheckPage(offset, limit) is { } badPage)
        {
            return badPage;
        }

        return await _store.ListMembersAsync(accountId, offset, limit, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Checks ids, that the account exists, and that the actor may manage it (rule 6); returns the account and the actor's access.</summary>
    private async Task<InvitationResult<ManagedAccount>> FindManagedAccountAsync(Actor actor, string accountId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if ((CheckId("actor user id", actor.UserId) ?? CheckId("account id", accountId)) is { } invalid)
        {
            return invalid;
        }

        var account = await _accounts.FindAsync(accountId, cancellationToken).ConfigureAwait(false);
        if (account is null)
        {
            return InvitationErrors.AccountNotFound(accountId);
        }

        var access = await GetAccessAsync(actor, accountId, cancellationToken).ConfigureAwait(false);
        return access.CanManage ? new ManagedAccount(account, access) : InvitationErrors.PermissionDenied();
    }

    private sealed record ManagedAccount(AccountInfo Account, AccountAccess Access);

    private InvitationError? CheckPage(int offset, int limit) =>
        offset < 0 ? InvitationErrors.InvalidInput("page offset", offset.ToString(System.Globalization.CultureInfo.InvariantCulture))
        : limit < 1 || limit > _options.MaxPageSize ? InvitationErrors.InvalidInput("page size", limit.ToString(System.Globalization.CultureInfo.InvariantCulture))
        : null;
}
