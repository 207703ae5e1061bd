namespace InvitationKit;

/// <summary>Where an invitation is in its life. <see cref="Pending"/> is the only non-terminal status.</summary>
public enum InvitationStatus
{
    /// <summary>Sent and awaiting the invitee; occupies a seat until it expires.</summary>
    Pending = 0,

    /// <summary>The invitee joined the account. Terminal.</summary>
    Accepted = 1,

    /// <summary>The invitee declined. Terminal.</summary>
    Rejected = 2,

    /// <summary>Withdrawn by someone who manages invitations. Terminal.</summary>
    Revoked = 3,

    /// <summary>Its validity passed before it was accepted. Terminal.</summary>
    Expired = 4,
}
