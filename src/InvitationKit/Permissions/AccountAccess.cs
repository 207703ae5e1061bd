namespace InvitationKit.Permissions;

/// <summary>What an actor may do in one account (rule 6).</summary>
internal readonly record struct AccountAccess(bool CanManage, bool CanGrantOwner)
{
    public static AccountAccess For(Actor actor, Member? membership)
    {
        if (actor.IsAdmin)
        {
            return new(true, true);
        }

        if (membership is null)
        {
            return default;
        }

        if (membership.IsOwner)
        {
            return new(true, true);
        }

        return new(membership.Roles.Contains(WellKnownRoles.UserAdmin, StringComparer.Ordinal), false);
    }
}
