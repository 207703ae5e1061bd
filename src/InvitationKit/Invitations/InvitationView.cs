using NodaTime;

namespace InvitationKit;

/// <summary>
/// An invitation as shown to those who manage them (rule 15): no secrets, status effective as of the call, and nothing
/// the user directory knows about a non-member (no display name).
/// </summary>
/// <threadsafety>This type is immutable.</threadsafety>
public sealed record InvitationView
{
    /// <summary>The invitation's id.</summary>
    public required Guid Id { get; init; }

    /// <summary>The account invited into.</summary>
    public required string AccountId { get; init; }

    /// <summary>The product the invitation refers to.</summary>
    public required string ProductId { get; init; }

    /// <summary>The recipient address.</summary>
    public required string Email { get; init; }

    /// <summary>The effective status (a pending invitation past its expiry shows as expired).</summary>
    public required InvitationStatus Status { get; init; }

    /// <summary>Existing or new user; <see cref="InvitationKind.Undisclosed"/> when <see cref="InvitationKitOptions.HideRegistrationState"/> is on.</summary>
    public required InvitationKind Kind { get; init; }

    /// <summary>The roles the invitee will have.</summary>
    public required IReadOnlyList<string> Roles { get; init; }

    /// <summary>Whether the invitee will have owner capability.</summary>
    public required bool GrantsOwner { get; init; }

    /// <summary>Who sent it.</summary>
    public required string InvitedBy { get; init; }

    /// <summary>When it was created.</summary>
    public required Instant CreatedAt { get; init; }

    /// <summary>When it expires.</summary>
    public required Instant ExpiresAt { get; init; }

    /// <summary>Whether the latest mail reached the mailer.</summary>
    public required DeliveryState Delivery { get; init; }

    /// <summary>
    /// Whether the link was handed to the host, who delivers it (rule 24); <see cref="Delivery"/> is then the code's mail
    /// for a new user, <see cref="DeliveryState.HandedToHost"/> otherwise.
    /// </summary>
    public bool HostDelivered { get; init; }

    /// <summary>When the next attempt to mail it is due (a retry, or the take-over of a send in flight); null when none is.</summary>
    public Instant? NextDeliveryAt { get; init; }

    /// <summary>When it reached a terminal status, if it has.</summary>
    public Instant? ResolvedAt { get; init; }

    /// <summary>The host's key/values (rule 25); empty when none. Left out of <see cref="ToString"/>.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = InvitationMetadata.Empty;

    /// <summary>Where the invitee goes once done (rule 25); null when none.</summary>
    public string? ReturnUrl { get; init; }

    /// <summary>The language of the mail and the landing page (rule 25); null for the mail's default.</summary>
    public string? Language { get; init; }

    /// <summary>Describes the invitation with its roles listed.</summary>
    /// <returns>A one-line description.</returns>
    public override string ToString() =>
        $"InvitationView {{ Id = {Id}, AccountId = {AccountId}, Email = {Email}, Status = {Status}, Kind = {Kind}, Roles = [{string.Join(", ", Roles)}], GrantsOwner = {GrantsOwner}, Delivery = {Delivery}, ExpiresAt = {ExpiresAt}, Language = {Language} }}";

    /// <summary>The view of an invitation as of <paramref name="now"/>; its kind undisclosed when <paramref name="hideKind"/>.</summary>
    internal static InvitationView From(Invitation invitation, Instant now, bool hideKind) => new()
    {
        Id = invitation.Id,
        AccountId = invitation.AccountId,
        ProductId = invitation.ProductId,
        Email = invitation.Email,
        Status = InvitationStatusMachine.EffectiveStatus(invitation, now),
        Kind = hideKind ? InvitationKind.Undisclosed : invitation.Kind,
        Roles = invitation.Roles,
        GrantsOwner = invitation.GrantsOwner,
        InvitedBy = invitation.InvitedBy,
        CreatedAt = invitation.CreatedAt,
        ExpiresAt = invitation.ExpiresAt,
        // A host-delivered invitation mails a new user's code and nothing for an existing user: with the kind hidden, its
        // delivery shows as handed to the host either way, so the code's mail does not tell a new address (rule 4).
        Delivery = hideKind && invitation.HostDelivered ? DeliveryState.HandedToHost : invitation.Delivery,
        HostDelivered = invitation.HostDelivered,
        NextDeliveryAt = invitation.Status != InvitationStatus.Pending || (hideKind && invitation.HostDelivered) ? null : invitation.NextDeliveryAt,
        ResolvedAt = invitation.ResolvedAt,
        Metadata = invitation.Metadata,
        ReturnUrl = invitation.ReturnUrl,
        Language = invitation.Language,
    };
}
