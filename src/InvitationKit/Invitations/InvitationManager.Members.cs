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

        // Rule 17: the store refuses atomically to remove the last owner.
        switch (await _stores.Members.RemoveMemberAsync(accountId, userId, cancellationToken).ConfigureAwait(false))
        {
            case MemberRemovalStatus.NotFound:
                return InvitationErrors.MemberNotFound();
            case MemberRemovalStatus.LastOwner:
                return InvitationErrors.LastOwner();
        }

        Log.MemberRemoved(_logger, userId, accountId);
        await PublishAsync(InvitationEventKind.MemberRemoved, accountId, null, userId, actor.UserId, _clock.GetCurrentInstant()).ConfigureAwait(false);
        return member;
    }

    public async Task<InvitationResult<Member>> AddFoundingOwnerAsync(string accountId, string userId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if ((CheckId("account id", accountId) ?? CheckId("user id", userId)) is { } invalid)
        {
            return invalid;
        }

        if (await _accounts.FindAsync(accountId, cancellationToken).ConfigureAwait(false) is null)
        {
            return InvitationErrors.AccountNotFound(accountId);
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
