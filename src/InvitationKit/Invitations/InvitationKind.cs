namespace InvitationKit;

/// <summary>Whom an invitation was sent to.</summary>
public enum InvitationKind
{
    /// <summary>
    /// A registered user; they accept with the link and their signed-in identity. In an account limited to registered users
    /// with <see cref="InvitationKitOptions.HideRegistrationState"/> on, also an address with no user yet: the invitation
    /// is bound to nobody, and whoever registers with the address accepts it by signing in (rule 3).
    /// </summary>
    ExistingUser = 0,

    /// <summary>An address with no registered user; a user pending activation was created, who activates with the mailed OTP.</summary>
    NewUser = 1,

    /// <summary>
    /// Not said: <see cref="InvitationKitOptions.HideRegistrationState"/> is on, so an <see cref="InvitationView"/> does not
    /// tell those who manage invitations whether the address is registered. Stored invitations, mails and previews always
    /// carry the real kind.
    /// </summary>
    Undisclosed = 2,
}
