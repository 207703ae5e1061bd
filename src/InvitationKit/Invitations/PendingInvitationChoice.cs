namespace InvitationKit;

/// <summary>
/// What an invite does for a recipient whose address already has an effectively pending invitation to the account
/// (<see cref="InviteRequest.WhenPending"/>, rule 5). An address that is a member, or whose invitation ended (expired,
/// revoked, rejected, accepted), is treated as every invite treats it, whatever the choice.
/// </summary>
public enum PendingInvitationChoice
{
    /// <summary>The recipient is refused with <see cref="InvitationErrorCode.AlreadyInvited"/> (the default).</summary>
    Refuse = 0,

    /// <summary>
    /// The pending invitation is resent as <see cref="IInvitationManager.ResendAsync"/> resends it — a fresh link and code
    /// (the old ones stop working), its expiry renewed, its roles and owner flag kept — under the same resend limits. The
    /// recipient's roles and owner flag are checked as for any recipient, then not used. A pending invitation for another
    /// product is refused with <see cref="InvitationErrorCode.AlreadyInvited"/>.
    /// </summary>
    Resend = 1,

    /// <summary>
    /// The pending invitation becomes the one the request asks for — its product, the recipient's roles and owner flag,
    /// checked as for a new invitation — keeping its id and its seat, with a fresh link and code (the old ones stop working)
    /// and its expiry renewed. It counts as a send: the resend limits apply.
    /// </summary>
    Replace = 2,
}
