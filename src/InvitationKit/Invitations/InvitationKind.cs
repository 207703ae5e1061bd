namespace InvitationKit;

/// <summary>Whom an invitation was sent to.</summary>
public enum InvitationKind
{
    /// <summary>A registered user; they accept with the link and their signed-in identity.</summary>
    ExistingUser = 0,

    /// <summary>An address with no registered user; a user pending activation was created, who activates with the mailed OTP.</summary>
    NewUser = 1,
}
