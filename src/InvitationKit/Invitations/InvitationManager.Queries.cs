using InvitationKit.Permissions;
using InvitationKit.Ports;

namespace InvitationKit;

internal sealed partial class InvitationManager
{
    public async Task<InvitationResult<Page<InvitationView>>> ListAsync(Actor actor, InvitationQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var found = await FindAccountAsync(actor, query.AccountId, cancellationToken).ConfigureAwait(false);
        if (!found.TryGetValue(out var account))
        {
            return InvitationResult<Page<InvitationView>>.Failure(found.Errors);
        }

        var now = _clock.GetCurrentInstant();
        var invalid = CheckQuery(query);
        Page<Invitation>? page = null;
        InvitationResult<ManagedAccount> managed;
        if (invalid is null && !actor.IsAdmin)
        {
            // The membership that decides and the page it shows, in one read (rule 6 is checked before anything is shown).
            var read = await _store.FindMemberAndListAsync(actor.UserId, query, now, cancellationToken).ConfigureAwait(false);
            (managed, page) = (Managed(account, actor, read.Member), read.Value);
        }
        else
        {
            managed = await FindManagedAccountAsync(actor, query.AccountId, account, cancellationToken).ConfigureAwait(false);
        }

        if (!managed.Succeeded)
        {
            return InvitationResult<Page<InvitationView>>.Failure(managed.Errors);
        }

        if (invalid is not null)
        {
            return invalid;
        }

        page ??= await _store.ListAsync(query, now, cancellationToken).ConfigureAwait(false);
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
        var found = await FindAccountAsync(actor, accountId, cancellationToken).ConfigureAwait(false);
        if (!found.TryGetValue(out var account))
        {
            return InvitationResult<SeatUsage>.Failure(found.Errors);
        }

        var now = _clock.GetCurrentInstant();
        InvitationResult<ManagedAccount> managed;
        int? occupied = null;
        if (actor.IsAdmin)
        {
            managed = Managed(account, actor, null);
        }
        else
        {
            // The membership that decides and the count it shows, in one read.
            var read = await _store.FindMemberAndCountOccupiedSeatsAsync(accountId, actor.UserId, now, cancellationToken).ConfigureAwait(false);
            (managed, occupied) = (Managed(account, actor, read.Member), read.Value);
        }

        if (!managed.Succeeded)
        {
            return InvitationResult<SeatUsage>.Failure(managed.Errors);
        }

        occupied ??= await _store.CountOccupiedSeatsAsync(accountId, now, cancellationToken).ConfigureAwait(false);
        return new SeatUsage(account.UserLimit ?? _options.DefaultUserLimit, occupied.Value);
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
        var found = await FindAccountAsync(actor, accountId, cancellationToken).ConfigureAwait(false);
        return found.TryGetValue(out var account)
            ? await FindManagedAccountAsync(actor, accountId, account, cancellationToken).ConfigureAwait(false)
            : InvitationResult<ManagedAccount>.Failure(found.Errors);
    }

    /// <summary>Whether the actor may manage the account (rule 6), from their membership.</summary>
    private async Task<InvitationResult<ManagedAccount>> FindManagedAccountAsync(Actor actor, string accountId, AccountInfo account, CancellationToken cancellationToken) =>
        Managed(account, actor, actor.IsAdmin ? null : await _store.FindMemberAsync(accountId, actor.UserId, cancellationToken).ConfigureAwait(false));

    /// <summary>Checks the actor's and the account's ids, and that the account exists.</summary>
    private async Task<InvitationResult<AccountInfo>> FindAccountAsync(Actor actor, string accountId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if ((CheckId("actor user id", actor.UserId) ?? CheckId("account id", accountId)) is { } invalid)
        {
            return invalid;
        }

        return await _accounts.FindAsync(accountId, cancellationToken).ConfigureAwait(false) is { } account
            ? account
            : InvitationErrors.AccountNotFound(accountId);
    }

    private static InvitationResult<ManagedAccount> Managed(AccountInfo account, Actor actor, Member? membership)
    {
        var access = AccountAccess.For(actor, membership);
        return access.CanManage ? new ManagedAccount(account, access) : InvitationErrors.PermissionDenied();
    }

    private sealed record ManagedAccount(AccountInfo Account, AccountAccess Access);

    /// <summary>The first problem of a list query: its page, its status filter or its continuation token; null when valid.</summary>
    private InvitationError? CheckQuery(InvitationQuery query) =>
        CheckPage(query.Offset, query.Limit)
        ?? (query.Status is { } status && !Enum.IsDefined(status) ? InvitationErrors.InvalidInput("status filter", status.ToString())
        : query.ContinuationToken is { } token && (query.Offset != 0 || !InvitationListCursor.TryDecode(token, out _)) ? InvitationErrors.InvalidInput("continuation token (with offset 0)", token)
        : null);

    private InvitationError? CheckPage(int offset, int limit) =>
        offset < 0 ? InvitationErrors.InvalidInput("page offset", offset.ToString(System.Globalization.CultureInfo.InvariantCulture))
        : limit < 1 || limit > _options.MaxPageSize ? InvitationErrors.InvalidInput("page size", limit.ToString(System.Globalization.CultureInfo.InvariantCulture))
        : null;
}
