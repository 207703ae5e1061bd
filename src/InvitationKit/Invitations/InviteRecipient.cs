namespace InvitationKit;

/// <summary>One recipient of an invite: the address, the roles to grant, and whether to grant owner capability.</summary>
/// <param name="Email">The address as typed; it is validated and normalized, surrounding whitespace trimmed (<see cref="EmailAddress"/>).</param>
/// <param name="Roles">The roles the invitee will have (host-defined names, e.g. <see cref="WellKnownRoles.UserAdmin"/>).</param>
/// <param name="GrantsOwner">Whether the invitee will have owner capability (only owners and admins may grant it).</param>
/// <threadsafety>This type is immutable.</threadsafety>
public sealed record InviteRecipient(string Email, IReadOnlyList<string> Roles, bool GrantsOwner = false)
{
    /// <summary>A recipient with the given roles and no owner capability.</summary>
    /// <param name="email">The address.</param>
    /// <param name="roles">The roles.</param>
    public InviteRecipient(string email, params string[] roles)
        : this(email, (IReadOnlyList<string>)roles)
    {
    }

    /// <summary>Describes the recipient with its roles listed.</summary>
    /// <returns>A one-line description.</returns>
    public override string ToString() => $"InviteRecipient {{ Email = {Email}, Roles = [{string.Join(", ", Roles ?? [])}], GrantsOwner = {GrantsOwner} }}";
}
