using InvitationKit.Permissions;

namespace InvitationKit;

internal sealed partial class InvitationManager
{
    public async Task<InvitationResult<Page<InvitationView>>> ListAsync(Actor actor, InvitationQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var denied = await CheckManagedAccountAsync(actor, query.AccountId, cancellationToken).ConfigureAwait(false);
        if (denied is not null)
        {
            return denied;
        }

        if (CheckPage(query.Offset, query.Limit) is { } badPage)
        {
            return badPage;
        }

        if (query.Status is { } status && !Enum.IsDefined(status))
        {
            return InvitationErrors.InvalidInput("status filter", status.ToString());
        }

        var now = _clock.GetCurrentInstant();
        var page = await _store.ListAsync(query, now, cancellationToken).ConfigureAwait(false);
        return new Page<InvitationView>(page.Items.Select(i => InvitationView.From(i, now)).ToArray(), page.TotalCount, page.Offset);
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
        var denied = await CheckManagedAccountAsync(actor, accountId, cancellationToken).ConfigureAwait(false);
        if (denied is not null)
        {
            return denied;
        }

        var account = await _accounts.FindAsync(accountId, cancellationToken).ConfigureAwait(false);
        var occupied = await _store.CountOccupiedSeatsAsync(accountId, _clock.GetCurrentInstant(), cancellationToken).ConfigureAwait(false);
        return new SeatUsage(account?.UserLimit ?? _options.DefaultUserLimit, occupied);
    }

    public async Task<InvitationResult<Page<Member>>> ListMembersAsync(Actor actor, string accountId, int offset = 0, int limit = 50, CancellationToken cancellationToken = default)
    {
        var denied = await CheckManagedAccountAsync(actor, accountId, cancellationToken).ConfigureAwait(false);
        if (denied is not null)
        {
            return denied;
        }

        if (CheckPage(offset, limit) is { } badPage)
        {
            return badPage;
        }

        return await _store.ListMembersAsync(accountId, offset, limit, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Checks ids, that the account exists, and that the actor may manage it (rule 6); null when all is well.</summary>
    private async Task<InvitationError?> CheckManagedAccountAsync(Actor actor, string accountId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if ((CheckId("actor user id", actor.UserId) ?? CheckId("account id", accountId)) is { } invalid)
        {
            return invalid;
        }

        if (await _accounts.FindAsync(accountId, cancellationToken).ConfigureAwait(false) is null)
        {
            return InvitationErrors.AccountNotFound(accountId);
        }

        var access = await GetAccessAsync(actor, accountId, cancellationToken).ConfigureAwait(false);
        return access.CanManage ? null : InvitationErrors.PermissionDenied();
    }

    private InvitationError? CheckPage(int offset, int limit) =>
        offset < 0 ? InvitationErrors.InvalidInput("page offset", offset.ToString(System.Globalization.CultureInfo.InvariantCulture))
        : limit < 1 || limit > _options.MaxPageSize ? InvitationErrors.InvalidInput("page size", limit.ToString(System.Globalization.CultureInfo.InvariantCulture))
        : null;
}
