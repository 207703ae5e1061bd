using InvitationKit.Internal;
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
            return found.ConvertError<Page<InvitationView>>();
        }

        if (CheckQuery(ref query) is { } invalid)
        {
            // Refused as not permitted first, as a valid query would be: a malformed one tells a stranger nothing more.
            var permitted = await FindManagedAccountAsync(actor, query.AccountId, account, cancellationToken).ConfigureAwait(false);
            return permitted.Succeeded ? invalid : permitted.ConvertError<Page<InvitationView>>();
        }

        // The membership that decides (rule 6) and the page it shows, in one read.
        var now = _clock.GetCurrentInstant();
        var read = actor.IsAdmin
            ? new MemberRead<Page<Invitation>?>(null, await _stores.Invitations.ListAsync(query, now, cancellationToken).ConfigureAwait(false))
            : await _stores.Combined.FindMemberAndListAsync(actor.UserId, query, now, cancellationToken).ConfigureAwait(false);
        var managed = Managed(account, AccountAccess.For(actor, read.Member));
        if (!managed.Succeeded)
        {
            return managed.ConvertError<Page<InvitationView>>();
        }

        var page = read.Value ?? await _stores.Invitations.ListAsync(query, now, cancellationToken).ConfigureAwait(false); // a store that read no page for a member
        return new Page<InvitationView>(page.Items.Select(i => View(i, now)).ToArray(), page.TotalCount, page.Offset)
        {
            ContinuationToken = page.ContinuationToken,
            HasMore = page.HasMore,
        };
    }

    public async Task<InvitationResult<InvitationView>> GetAsync(Actor actor, Guid invitationId, CancellationToken cancellationToken = default)
    {
        var found = await FindManagedAsync(actor, invitationId, cancellationToken).ConfigureAwait(false);
        return found.TryGetValue(out var managed)
            ? View(managed.Invitation, _clock.GetCurrentInstant())
            : found.ConvertError<InvitationView>();
    }

    public async Task<InvitationResult<SeatUsage>> GetSeatUsageAsync(Actor actor, string accountId, CancellationToken cancellationToken = default)
    {
        var found = await FindAccountAsync(actor, accountId, cancellationToken).ConfigureAwait(false);
        if (!found.TryGetValue(out var account))
        {
            return found.ConvertError<SeatUsage>();
        }

        // The membership that decides (rule 6) and the count it shows, in one read.
        var now = _clock.GetCurrentInstant();
        var read = actor.IsAdmin
            ? new MemberRead<int>(null, await _stores.Members.CountOccupiedSeatsAsync(accountId, now, cancellationToken).ConfigureAwait(false))
            : await _stores.Combined.FindMemberAndCountOccupiedSeatsAsync(accountId, actor.UserId, now, cancellationToken).ConfigureAwait(false);
        var managed = Managed(account, AccountAccess.For(actor, read.Member));
        return managed.Succeeded
            ? new SeatUsage(account.UserLimit ?? _options.DefaultUserLimit, read.Value)
            : managed.ConvertError<SeatUsage>();
    }

    public async Task<InvitationResult<Page<Member>>> ListMembersAsync(Actor actor, MemberQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var (accountId, offset, limit) = query;
        var managed = await FindManagedAccountAsync(actor, accountId, cancellationToken).ConfigureAwait(false);
        if (!managed.Succeeded)
        {
            return managed.ConvertError<Page<Member>>();
        }

        if (CheckPage(offset, limit) is { } badPage)
        {
            return badPage;
        }

        return await _stores.Members.ListMembersAsync(accountId, offset, limit, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Checks ids, that the account exists, that the actor may manage it (rule 6) and that it is enabled (rule 19); returns
    /// the account and the actor's access.
    /// </summary>
    private async Task<InvitationResult<ManagedAccount>> FindManagedAccountAsync(Actor actor, string accountId, CancellationToken cancellationToken)
    {
        var found = await FindAccountAsync(actor, accountId, cancellationToken).ConfigureAwait(false);
        return found.TryGetValue(out var account)
            ? await FindManagedAccountAsync(actor, accountId, account, cancellationToken).ConfigureAwait(false)
            : found.ConvertError<ManagedAccount>();
    }

    /// <summary>Whether the actor may manage the account (rule 6), from their membership, and it is enabled (rule 19).</summary>
    private async Task<InvitationResult<ManagedAccount>> FindManagedAccountAsync(Actor actor, string accountId, AccountInfo account, CancellationToken cancellationToken) =>
        Managed(account, await AccountAccess.ReadAsync(actor, accountId, _stores.Members, cancellationToken).ConfigureAwait(false));

    /// <summary>
    /// Checks the actor's and the account's ids, and that the account exists. An unknown account is refused as an existing
    /// one the actor may not manage is — <c>PermissionDenied</c>, after the same membership read — so an account id cannot
    /// be probed; only an actor who may manage it (a system admin, or a manager whose membership outlived the account) learns
    /// that it does not exist.
    /// </summary>
    private async Task<InvitationResult<AccountInfo>> FindAccountAsync(Actor actor, string accountId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if ((CheckId("actor user id", actor.UserId) ?? CheckId("account id", accountId)) is { } invalid)
        {
            return invalid;
        }

        if (await _accounts.FindAsync(accountId, cancellationToken).ConfigureAwait(false) is { } account)
        {
            return account;
        }

        var access = await AccountAccess.ReadAsync(actor, accountId, _stores.Members, cancellationToken).ConfigureAwait(false);
        return access.EnsureCanManage() ?? InvitationErrors.AccountNotFound(accountId);
    }

    /// <summary>The account when the actor may manage it (rule 6) and the host has not disabled it (rule 19), in that order.</summary>
    private InvitationResult<ManagedAccount> Managed(AccountInfo account, AccountAccess access) =>
        (access.EnsureCanManage() ?? EnsureEnabled(account)) is { } refused ? refused : new ManagedAccount(account, access);

    private sealed record ManagedAccount(AccountInfo Account, AccountAccess Access);

    /// <summary>The first problem of a list query: its page, its status filter or its continuation token; null when valid.</summary>
    /// <summary>Checks a list query and hands the store its normalized form: the address filter as a prefix of the key.</summary>
    private InvitationError? CheckQuery(ref InvitationQuery query)
    {
        var error = CheckPage(query.Offset, query.Limit)
            ?? (query.Status is { } status && !Enum.IsDefined(status) ? InvitationErrors.InvalidInput("status filter", status.ToString())
            : query.ContinuationToken is { } token && (query.Offset != 0 || !InvitationListCursor.TryDecode(token, out _)) ? InvitationErrors.InvalidInput("continuation token (with offset 0)", token)
            : query.InvitedBy is { } inviter && !Identifier.IsValid(inviter) ? InvitationErrors.InvalidInput("inviter filter", inviter)
            : null);
        if (error is null && query.EmailPrefix is { } search)
        {
            if (!EmailKeyPrefix.TryNormalize(search, out var prefix))
            {
                return InvitationErrors.InvalidAddressSearch(search);
            }

            query = query with { EmailPrefix = prefix };
        }

        return error;
    }

    private InvitationError? CheckPage(int offset, int limit) =>
        offset < 0 ? InvitationErrors.InvalidInput("page offset", offset.ToString(System.Globalization.CultureInfo.InvariantCulture))
        : limit < 1 || limit > _options.MaxPageSize ? InvitationErrors.InvalidInput("page size", limit.ToString(System.Globalization.CultureInfo.InvariantCulture))
        : null;
}
