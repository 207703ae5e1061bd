namespace InvitationKit;

/// <summary>The errors of role names: malformed, not offered by the role catalog, or not grantable by the actor.</summary>
internal static partial class InvitationErrors
{
    /// <summary>The most offered roles an <see cref="InvitationErrorCode.UnknownRole"/> remedy names.</summary>
    private const int MaxListedRoles = 50;

    public static InvitationError RoleGrantNotAllowed(string role, string? recipient) => new(
        InvitationErrorCode.RoleGrantNotAllowed,
        $"You cannot grant the role '{Internal.Identifier.Excerpt(role, 40)}'.",
        ["Grant only roles you hold yourself.", "Ask an account owner or a system administrator to grant this role."],
        recipient);

    public static InvitationError InvalidRole(string role, string? recipient) => new(
        InvitationErrorCode.InvalidRole,
        $"'{Internal.Identifier.Excerpt(role, 40)}' is not a valid role name: it must be 1–{Internal.Identifier.MaxLength} characters without control characters.",
        ["Choose roles from the list the application offers."],
        recipient);

    public static InvitationError UnknownRole(string role, string? recipient, IReadOnlyList<string> offered) => new(
        InvitationErrorCode.UnknownRole,
        $"'{Internal.Identifier.Excerpt(role, 40)}' is not a role this account offers for the product.",
        offered.Count == 0
            ? ["Invite without roles: the account offers none for this product.", "Ask the account's administrator to offer the role."]
            : [$"Choose one of the roles offered: {string.Join(", ", offered.Take(MaxListedRoles))}{(offered.Count > MaxListedRoles ? $" and {offered.Count - MaxListedRoles} more" : string.Empty)}.", "Ask the account's administrator to offer the role."],
        recipient);
}
