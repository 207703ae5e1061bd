using InvitationKit.Diagnostics;
using InvitationKit.Ports;

namespace InvitationKit;

internal sealed partial class InvitationManager
{
    public async Task<InvitationResult<Member>> RemoveMemberAsync(Actor actor, string accountId, string userId, CancellationToken cancellationToken = default)
    {
        if (CheckId("user id", userId) is { } invalid)
        {
            return invalid;
        }

        var managed = await FindManagedAccountAsync(actor, accountId, cancellationToken).ConfigureAwait(false);
        if (!managed.TryGetValue(out var found))
        {
            return managed.ConvertError<Member>();
        }

        var member = await _stores.Members.FindMemberAsync(accountId, userId, cancellationToken).ConfigureAwait(false);
        if (member is null)
        {
            return InvitationErrors.MemberNotFound();
        }

        // Withdrawing owner capability is an owner's (or admin's) decision, like granting it.
        if (member.IsOwner && !found.Access.CanGrantOwner)
        {
            return InvitationErrors.OwnerGrantNotAllowed(null);
        }

        if (await RemoveFromStoreAsync(accountId, userId, leaving: false, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        Log.MemberRemoved(_logger, userId, accountId);
        await PublishAsync(InvitationEventKind.MemberRemoved, accountId, null, userId, actor.UserId, _clock.GetCurrentInstant()).ConfigureAwait(false);
        return member;
    }

    public async Task<InvitationResult<Member>> LeaveAsync(Actor actor, string accountId, CancellationToken cancellationToken = default)
    {
        // Rule 17: the actor's own membership and nobody else's. The call takes no user id, so no one makes another member
        // leave; no right is needed, and a system admin is no exception: they leave only an account they are a member of.
        cancellationToken.ThrowIfCancellationRequested();
        if ((CheckId("actor user id", actor.UserId) ?? CheckId("account id", accountId)) is { } invalid)
        {
            return invalid;
        }

        // The membership first: an account the actor is no member of is MemberNotFound whether it exists or not.
        var member = await _stores.Members.FindMemberAsync(accountId, actor.UserId, cancellationToken).ConfigureAwait(false);
        if (member is null)
        {
            return InvitationErrors.MemberNotFound();
        }

        var account = await _accounts.FindAsync(accountId, cancellationToken).ConfigureAwait(false);
        if ((account is null ? InvitationErrors.AccountNotFound(accountId) : EnsureEnabled(account)) is { } refused)
        {
            return refused;
        }

        if (await RemoveFromStoreAsync(accountId, actor.UserId, leaving: true, cancellationToken).ConfigureAwait(false) is { } notRemoved)
        {
            return notRemoved;
        }

        Log.MemberLeft(_logger, actor.UserId, accountId);
        await PublishAsync(InvitationEventKind.MemberLeft, accountId, null, actor.UserId, actor.UserId, _clock.GetCurrentInstant()).ConfigureAwait(false);
        return member;
    }

    /// <summary>
    /// Rule 17: removes the membership, freeing its seat; the store refuses atomically to remove the last owner, even when
    /// owners leave or remove each other at once. Null when removed, else the refusal.
    /// </summary>
    private async Task<InvitationError?> RemoveFromStoreAsync(string accountId, string userId, bool leaving, CancellationToken cancellationToken) =>
        await _stores.Members.RemoveMemberAsync(accountId, userId, cancellationToken).ConfigureAwait(false) switch
        {
            MemberRemovalStatus.NotFound => InvitationErrors.MemberNotFound(),
            MemberRemovalStatus.LastOwner => InvitationErrors.LastOwner(leaving),
            _ => null,
        };

    public async Task<InvitationResult<Member>> AddFoundingOwnerAsync(string accountId, string userId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if ((CheckId("account id", accountId) ?? CheckId("user id", userId)) is { } invalid)
        {
            return invalid;
        }

        var account = await _accounts.FindAsync(accountId, cancellationToken).ConfigureAwait(false);
        if ((account is null ? InvitationErrors.AccountNotFound(accountId) : EnsureEnabled(account)) is { } refused)
        {
            return refused;
        }

        var now = _clock.GetCurrentInstant();
        var owner = new Member(accountId, userId, [], IsOwner: true, now, InvitationId: null);
        if (!await _stores.Members.TryAddFoundingOwnerAsync(owner, cancellationToken).ConfigureAwait(false))
        {
            return InvitationErrors.AccountAlreadyHasMembers();
        }

        await PublishAsync(InvitationEventKind.OwnerAdded, accountId, null, userId, userId, now).ConfigureAwait(false);
        return owner;
    }
}
