namespace InvitationKit.Permissions;

/// <summary>
/// Decides which roles an actor who may manage invitations may hand out. The default lets system admins and owners
/// grant any role, and anyone else (a USER_ADMIN) only roles they hold themselves, so nobody can raise their own
/// privileges by inviting an accomplice. Owner capability is ruled separately (only owners and admins). A role reaches
/// the policy only when the account's <see cref="Ports.IRoleCatalog"/> offers it; <see cref="IInvitationManager.GetGrantableRolesAsync"/>
/// asks the policy about each offered role.
/// </summary>
public interface IRoleGrantPolicy
{
    /// <summary>Whether the actor may grant the role.</summary>
    /// <param name="grant">The actor, account, the actor's membership and the role.</param>
    /// <returns>Whether it is allowed.</returns>
    bool CanGrant(RoleGrant grant);
}
