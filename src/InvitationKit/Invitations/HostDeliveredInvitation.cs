namespace InvitationKit;

/// <summary>
/// One invitation of a host-delivered invite (rule 24): the invitation, and its link secret, which the kit hands over this
/// once and never stores in plaintext. Build the link as the mail would (the accept page's URL with the secret) and
/// deliver it to the invitee only; never log or store it. A new user's code is never here: the kit mails it.
/// </summary>
/// <param name="Invitation">The invitation as stored.</param>
/// <param name="Secret">
/// The link secret (URL-safe, 256 bits); null when an idempotent replay answers (the secret was handed out once, with
/// the first outcome, and the kit cannot give it again: resend the invitation by email, or revoke it and invite again).
/// </param>
/// <threadsafety>This type is immutable.</threadsafety>
public sealed record HostDeliveredInvitation(InvitationView Invitation, string? Secret)
{
    /// <summary>Describes the invitation without its secret.</summary>
    /// <returns>A redacted description.</returns>
    public override string ToString() => $"HostDeliveredInvitation {{ Invitation = {Invitation}, Secret = {(Secret is null ? "null" : "***")} }}";
}
