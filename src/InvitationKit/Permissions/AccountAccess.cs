using InvitationKit.Ports;

namespace InvitationKit.Permissions;

/// <summary>
/// Who may manage an account (rule 6), in one place: a system admin, an owner, or a member holding
/// <see cref="WellKnownRoles.UserAdmin"/>; only owners and admins grant or withdraw owner capability.
/// </summary>
/// <param name="CanManage">Whether the actor may manage the account's invitations and members.</param>
/// <param name="CanGrantOwner">Whether the actor may grant or withdraw owner capability.</param>
/// <param name="Membership">The actor's membership the access was decided from; null for none (or an admin's, unread).</param>
internal readonly record struct AccountAccess(bool CanManage, bool CanGrantOwner, Member? Membership)
{
    /// <summary>What an actor with this membership (or none) may do.</summary>
    public static AccountAccess For(Actor actor, Member? membership)
    {
        if (actor.IsAdmin)
        {
            return new(true, true, membership);
        }

        if (membership is null)
        {
            return default;
        }

        if (membership.IsOwner)
        {
            return new(true, true, membership);
        }

        return new(membership.Roles.Contains(WellKnownRoles.UserAdmin, StringComparer.Ordinal), false, membership);
    }

    /// <summary>Reads what the actor may do in the account: a system admin needs no membership, anyone else's is read.</summary>
    public static async Task<AccountAccess> ReadAsync(Actor actor, string accountId, IMemberStore members, CancellationToken cancellationToken) =>
        For(actor, actor.IsAdmin ? null : await members.FindMemberAsync(accountId, actor.UserId, cancellationToken).ConfigureAwait(false));

    /// <summary>The refusal when the actor may not manage the account; null when they may.</summary>
    public InvitationError? EnsureCanManage() => CanManage ? null : InvitationErrors.PermissionDenied();
}
