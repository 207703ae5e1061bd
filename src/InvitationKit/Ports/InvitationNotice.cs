using NodaTime;

namespace InvitationKit.Ports;

/// <summary>
/// A notice about an invitation for the people who can act on it (<see cref="IInvitationNoticeMailer"/>): its inviter
/// while they may still manage the account, else the account's managers (owners and user admins). It never carries a
/// link secret or a code: acting on it (inviting again, resending) is the recipient's own signed-in request.
/// </summary>
/// <threadsafety>This type is immutable.</threadsafety>
public sealed record InvitationNotice
{
    /// <summary>What the notice is about.</summary>
    public required InvitationNoticeKind Kind { get; init; }

    /// <summary>A stable id per notice attempt series: a mail system may use it to drop a duplicate delivery.</summary>
    public required Guid MessageId { get; init; }

    /// <summary>
    /// The user ids to tell, at least one: the inviter, or the account's managers. The host's notice mailer looks their
    /// addresses up (the kit's <see cref="IUserDirectory"/> has no lookup by id), e.g. through an
    /// <see cref="IUserContactDirectory"/>, as <c>InvitationKit.Mail</c>'s does.
    /// </summary>
    public required IReadOnlyList<string> RecipientUserIds { get; init; }

    /// <summary>The invitation.</summary>
    public required Guid InvitationId { get; init; }

    /// <summary>The account, as the host's directory describes it.</summary>
    public required AccountInfo Account { get; init; }

    /// <summary>The product the invitation is for.</summary>
    public required string ProductId { get; init; }

    /// <summary>The invitee's address.</summary>
    public required string InviteeEmail { get; init; }

    /// <summary>The user who sent the invitation.</summary>
    public required string InvitedBy { get; init; }

    /// <summary>When the invitation expires (or expired).</summary>
    public required Instant ExpiresAt { get; init; }

    /// <summary>The invitation's status when the notice was sent.</summary>
    public required InvitationStatus Status { get; init; }
}
