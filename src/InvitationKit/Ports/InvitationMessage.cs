using NodaTime;

namespace InvitationKit.Ports;

/// <summary>
/// Everything an invitation email needs. It is the only place the plaintext secrets outlive the send: the kit zeroes its
/// own buffers once the mailer returns, but <see cref="Secret"/> and <see cref="OneTimePassword"/> are strings, which
/// .NET cannot wipe, so keep the message no longer than the send needs it. <see cref="ToString"/> redacts them.
/// </summary>
/// <threadsafety>This type is immutable.</threadsafety>
public sealed record InvitationMessage
{
    /// <summary>The invitation.</summary>
    public required Guid InvitationId { get; init; }

    /// <summary>
    /// The idempotency id of this mail: the same for every attempt to hand over this very message (same secret), new for
    /// every fresh issue. A mailer whose provider supports idempotency keys passes it on, so a retried hand-over after a
    /// lost reply is delivered once.
    /// </summary>
    public required Guid MessageId { get; init; }

    /// <summary>The recipient.</summary>
    public required EmailAddress Recipient { get; init; }

    /// <summary>The account invited into.</summary>
    public required AccountInfo Account { get; init; }

    /// <summary>The product the invitation refers to.</summary>
    public required ProductInfo Product { get; init; }

    /// <summary>Who sent the invitation.</summary>
    public required string InvitedBy { get; init; }

    /// <summary>The roles the invitee will have.</summary>
    public required IReadOnlyList<string> Roles { get; init; }

    /// <summary>Whether the invitee will have owner capability.</summary>
    public required bool GrantsOwner { get; init; }

    /// <summary>Existing user (accept with the link) or new user (activate with the OTP).</summary>
    public required InvitationKind Kind { get; init; }

    /// <summary>
    /// The link secret (URL-safe, 256 bits) to put in the accept/reject link; empty when <see cref="LinkDeliveredByHost"/>.
    /// </summary>
    public required string Secret { get; init; }

    /// <summary>
    /// Whether the host delivers the invitation's link itself (<see cref="IInvitationManager.InviteForHostDeliveryAsync"/>,
    /// rule 24): the message then carries only a new user's code, <see cref="Secret"/> is empty, and the mail must
    /// contain no link to the invitation — only the code, and that the link comes from the inviter.
    /// </summary>
    public bool LinkDeliveredByHost { get; init; }

    /// <summary>The one-time password for a new user's activation; null for existing users.</summary>
    public string? OneTimePassword { get; init; }

    /// <summary>When the one-time password stops working (it has a shorter life than the invitation); null for existing users.</summary>
    public Instant? OtpExpiresAt { get; init; }

    /// <summary>When the invitation expires.</summary>
    public required Instant ExpiresAt { get; init; }

    /// <summary>The host's key/values of the invitation (rule 25), for the mailer's own use; empty when none. Left out of <see cref="ToString"/>.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = InvitationMetadata.Empty;

    /// <summary>Where the invitee goes once done (rule 25): an allowed origin's absolute URL; null when none.</summary>
    public string? ReturnUrl { get; init; }

    /// <summary>The language to write the mail in (a BCP 47 tag, rule 25); null for the mailer's default.</summary>
    public string? Language { get; init; }

    /// <summary>Whether this is a resend.</summary>
    public required bool IsResend { get; init; }

    /// <summary>
    /// Whether this is the "expires soon" reminder (rule 23, <see cref="InvitationKitOptions.ReminderLead"/>), or a mail
    /// sent after it: the invitation expires at <see cref="ExpiresAt"/>, within the reminder's lead. Its link replaces
    /// the earlier mail's.
    /// </summary>
    public bool IsReminder { get; init; }

    /// <summary>Describes the message without its secrets.</summary>
    /// <returns>A redacted description.</returns>
    public override string ToString() =>
        $"InvitationMessage {{ InvitationId = {InvitationId}, Recipient = {Recipient}, Account = {Account.Id}, Product = {Product.Id}, Kind = {Kind}, Secret = {(LinkDeliveredByHost ? "(host)" : "***")}, OneTimePassword = {(OneTimePassword is null ? "null" : "***")}, ExpiresAt = {ExpiresAt}, Language = {Language}, IsResend = {IsResend}, IsReminder = {IsReminder} }}";
}
