namespace InvitationKit.Ports;

/// <summary>Where a user stands in the host's identity system, as far as invitations care.</summary>
public enum UserState
{
    /// <summary>Created by an invitation (<see cref="IUserDirectory.CreatePendingUserAsync"/>) and never activated: no password, cannot sign in.</summary>
    PendingActivation = 0,

    /// <summary>A user who can sign in. The kit never sets their password; they accept invitations by signing in.</summary>
    Enabled = 1,

    /// <summary>A user the host disabled (banned, locked out, deleted). Never activated or re-enabled by the kit.</summary>
    Disabled = 2,
}
