namespace InvitationKit.Permissions;

/// <summary>What an actor may do in one account (rule 6), and the membership it was decided from.</summary>
internal readonly record struct AccountAccess(bool CanManage, bool CanGrantOwner, Member? Membership)
{
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
}
