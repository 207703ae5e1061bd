namespace InvitationKit;

/// <summary>
/// What an invite dialog offers an actor in one account for one product (<see cref="IInvitationManager.GetGrantableRolesAsync"/>):
/// the role catalog's roles the role grant policy lets the actor grant, and whether they may grant owner capability.
/// </summary>
/// <param name="Roles">The offered roles the actor may grant, in the catalog's order; empty when <paramref name="AnyRole"/>.</param>
/// <param name="AnyRole">
/// Whether the catalog lists no roles, so any well-formed role name is accepted (the default catalog); an invite still
/// grants only roles the role grant policy allows.
/// </param>
/// <param name="CanGrantOwner">Whether the actor may grant owner capability (owners and system admins, rule 6).</param>
/// <threadsafety>This type is immutable.</threadsafety>
public sealed record GrantableRoles(IReadOnlyList<string> Roles, bool AnyRole, bool CanGrantOwner)
{
    /// <summary>Lists the roles.</summary>
    /// <returns>A one-line description.</returns>
    public override string ToString() => $"GrantableRoles {{ Roles = [{string.Join(", ", Roles)}], AnyRole = {AnyRole}, CanGrantOwner = {CanGrantOwner} }}";
}
