namespace InvitationKit.Permissions;

/// <summary>The default <see cref="IRoleGrantPolicy"/>: admins and owners grant any role, others only roles they hold.</summary>
internal sealed class HeldRolesGrantPolicy : IRoleGrantPolicy
{
    public bool CanGrant(RoleGrant grant)
    {
        ArgumentNullException.ThrowIfNull(grant);
        return grant.Actor.IsAdmin
            || grant.ActorMembership is { IsOwner: true }
            || (grant.ActorMembership is { } member && member.Roles.Contains(grant.Role, StringComparer.Ordinal));
    }
}
