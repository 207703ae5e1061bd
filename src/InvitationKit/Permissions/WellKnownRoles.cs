namespace InvitationKit;

/// <summary>Role names the kit itself understands. All other roles are host-defined and opaque to it.</summary>
public static class WellKnownRoles
{
    /// <summary>Members with this role may manage invitations and members (invite, list, resend, revoke, edit roles, remove).</summary>
    public const string UserAdmin = "USER_ADMIN";
}
