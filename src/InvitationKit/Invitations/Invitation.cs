using NodaTime;

namespace InvitationKit;

/// <summary>
/// An invitation as stores persist it: an offer to one address to join one account for one product, with roles and
/// an owner flag. Secrets appear only as keyed hashes.
/// </summary>
/// <remarks>
/// Stores keep every property as given and treat <see cref="Revision"/> as the compare-and-swap token: an update
/// succeeds only when the stored revision is the one the caller read.
/// </remarks>
/// <threadsafety>This type is immutable.</threadsafety>
public sealed record Invitation
{
    /// <summary>The invitation's id.</summary>
    public required Guid Id { get; init; }

    /// <summary>The account invited into.</summary>
    public required string AccountId { get; init; }

    /// <summary>The product the invitation refers to.</summary>
    public required string ProductId { get; init; }

    /// <summary>The recipient address as normalized by <see cref="EmailAddress.Value"/>.</summary>
    public required string Email { get; init; }

    /// <summary>The recipient's matching key (<see cref="EmailAddress.Key"/>): at most one pending invitation per account and key.</summary>
    public required string EmailKey { get; init; }

    /// <summary>Whether the recipient was a registered user or is a new one.</summary>
    public required InvitationKind Kind { get; init; }

    /// <summary>
    /// The registered user invited (existing-user invitations): only this user can accept. Null for new users, and for an
    /// existing-user invitation to whoever registers with the address (rule 3 with <see cref="InvitationKitOptions.HideRegistrationState"/>).
    /// </summary>
    public string? UserId { get; init; }

    /// <summary>The roles the invitee will have.</summary>
    public required IReadOnlyList<string> Roles { get; init; }

    /// <summary>Whether the invitee will have owner capability.</summary>
    public required bool GrantsOwner { get; init; }

    /// <summary>The user id of whoever sent the invitation.</summary>
    public required string InvitedBy { get; init; }

    /// <summary>When the invitation was created.</summary>
    public required Instant CreatedAt { get; init; }

    /// <summary>When the invitation stops being valid; from this instant on its effective status is expired.</summary>
    public required Instant ExpiresAt { get; init; }

    /// <summary>The stored status; see <see cref="InvitationStatusMachine.EffectiveStatus(Invitation, Instant)"/>.</summary>
    public required InvitationStatus Status { get; init; }

    /// <summary>The keyed hash of the link secret; stores index it for lookups.</summary>
    public required SecretHash SecretHash { get; init; }

    /// <summary>The keyed hash of the one-time password (new-user invitations only).</summary>
    public SecretHash? OtpHash { get; init; }

    /// <summary>
    /// The id of the key (of the key ring) that <see cref="SecretHash"/> and <see cref="OtpHash"/> were made with; 0 for
    /// rows written before key ids were stored, which are verified under every key.
    /// </summary>
    public int KeyId { get; init; }

    /// <summary>When the current link secret and one-time password were issued: at creation, and again at every resend.</summary>
    public required Instant IssuedAt { get; init; }

    /// <summary>When a new user's activation claimed the invitation, while it enables the user; null otherwise.</summary>
    /// <remarks>A fresh claim keeps revokes, resends and role changes off the invitation until the activation finalizes.</remarks>
    public Instant? ActivationClaimedAt { get; init; }

    /// <summary>Whether the latest mail reached the mailer.</summary>
    public required DeliveryState Delivery { get; init; }

    /// <summary>How many times the invitation was (re)sent; 1 after creation.</summary>
    public int SendCount { get; init; } = 1;

    /// <summary>How many times the current send request (the invite, or the latest resend) has been tried.</summary>
    public int DeliveryAttempts { get; init; }

    /// <summary>
    /// When mail is due for this invitation: the end of the lease of a send in flight, or the time of the next retry;
    /// null when nothing is due (sent, or failed for good).
    /// </summary>
    public Instant? NextDeliveryAt { get; init; }

    /// <summary>When the invitation reached a terminal status, if it has.</summary>
    public Instant? ResolvedAt { get; init; }

    /// <summary>The user who accepted, rejected or revoked it, if known.</summary>
    public string? ResolvedBy { get; init; }

    /// <summary>
    /// Whether the invitation ended (rejected, revoked or expired) as a new-user invitation and the kit has yet to release
    /// the address's user pending activation: delete it, unless another live invitation still names the address. Set in
    /// the same write as the terminal status and cleared once the release is done, so a release the process did not live
    /// to make is made by the next expiry sweep (<see cref="IInvitationManager.ExpireOverdueAsync"/>).
    /// </summary>
    public bool PendingUserReleaseDue { get; init; }

    /// <summary>
    /// The notice queued for the invitation's inviter, or the account's managers (<see cref="Ports.IInvitationNoticeMailer"/>):
    /// a new invitation was asked for (rule 22), or the invitation is about to expire (rule 23); null when none ever was.
    /// Kept after the notice is sent, so it says which notice <see cref="NoticeDueAt"/> and <see cref="NoticeAttempts"/> are about.
    /// </summary>
    public InvitationNoticeKind? NoticeKind { get; init; }

    /// <summary>
    /// When the notice is due: when it was queued, the end of the lease of a send in flight, or the time of the next
    /// retry; null when nothing is due (sent, given up, or never queued). Written in the same write that queues it, so a
    /// notice the process did not live to send is sent by the next dispatch.
    /// </summary>
    public Instant? NoticeDueAt { get; init; }

    /// <summary>The notice's send attempts so far (claims, whether or not the notice mailer returned).</summary>
    public int NoticeAttempts { get; init; }

    /// <summary>When the invitee asked for a new invitation with this invitation's link (rule 22); at most once per invitation.</summary>
    public Instant? NewInvitationRequestedAt { get; init; }

    /// <summary>
    /// When the "expires soon" reminder was armed (rule 23): the mail re-issued to the invitee and the notice queued for
    /// the inviter; at most once per invitation.
    /// </summary>
    public Instant? RemindedAt { get; init; }

    /// <summary>
    /// Whether the link was handed to the host, who delivers it (rule 24): the kit never mails this link. A new user's
    /// invitation still mails its code, and only its code; a retry of that mail issues a fresh code and keeps the link.
    /// A resend (or an invite's reissue) mails a fresh link and code as for any invitation, and clears this.
    /// </summary>
    public bool HostDelivered { get; init; }

    /// <summary>
    /// The invitation's own lifetime, chosen by its invite (<see cref="InviteRequest.Lifetime"/>): a resend renews its expiry
    /// by it. Null: <see cref="InvitationKitOptions.InvitationLifetime"/> as configured at the resend.
    /// </summary>
    public NodaTime.Duration? Lifetime { get; init; }

    /// <summary>The host's key/values (<see cref="InviteRequest.Metadata"/>), carried to the membership on acceptance; empty when none.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = InvitationMetadata.Empty;

    /// <summary>Where the invitee goes once done (<see cref="InviteRequest.ReturnUrl"/>); null when none.</summary>
    public string? ReturnUrl { get; init; }

    /// <summary>The language of the mail and the landing page (<see cref="InviteRequest.Language"/>); null for the mail's default.</summary>
    public string? Language { get; init; }

    /// <summary>The compare-and-swap token, 1 on insert and advanced by one on every update.</summary>
    public required long Revision { get; init; }

    /// <summary>Describes the invitation with its roles listed and its hashes left out.</summary>
    /// <returns>A one-line description.</returns>
    public override string ToString() =>
        $"Invitation {{ Id = {Id}, AccountId = {AccountId}, Email = {Email}, Kind = {Kind}, Status = {Status}, Roles = [{string.Join(", ", Roles)}], GrantsOwner = {GrantsOwner}, Revision = {Revision} }}";
}
