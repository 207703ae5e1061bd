using NodaTime;

namespace InvitationKit.Ports;

/// <summary>Receives audit events after each change is stored. Optional. A failing sink is logged; the change stands.</summary>
public interface IInvitationEventSink
{
    /// <summary>Publishes one event.</summary>
    /// <param name="invitationEvent">The event.</param>
    /// <param name="cancellationToken">Cancels the publication.</param>
    /// <returns>A task that completes when the event is recorded.</returns>
    Task PublishAsync(InvitationEvent invitationEvent, CancellationToken cancellationToken);
}

/// <summary>An audit event.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="AccountId">The account.</param>
/// <param name="InvitationId">The invitation concerned, if any.</param>
/// <param name="UserId">The user concerned (invitee, or a member removed or leaving), if known.</param>
/// <param name="ActorId">Who did it, if known.</param>
/// <param name="OccurredAt">When.</param>
/// <threadsafety>This type is immutable.</threadsafety>
public sealed record InvitationEvent(InvitationEventKind Kind, string AccountId, Guid? InvitationId, string? UserId, string? ActorId, Instant OccurredAt);

/// <summary>The kinds of audit event.</summary>
public enum InvitationEventKind
{
    /// <summary>An invitation was created.</summary>
    Created = 0,

    /// <summary>An invitation was resent with a fresh secret.</summary>
    Resent = 1,

    /// <summary>An invitation was accepted (or activated) and the membership created.</summary>
    Accepted = 2,

    /// <summary>An invitation was rejected by the invitee.</summary>
    Rejected = 3,

    /// <summary>An invitation was revoked.</summary>
    Revoked = 4,

    /// <summary>An overdue invitation's expired status was persisted.</summary>
    Expired = 5,

    /// <summary>A pending invitation's roles or owner flag changed.</summary>
    RolesChanged = 6,

    /// <summary>A member was removed from the account by someone who manages it (<see cref="IInvitationManager.RemoveMemberAsync"/>).</summary>
    MemberRemoved = 7,

    /// <summary>An account's founding owner was added.</summary>
    OwnerAdded = 8,

    /// <summary>A member was imported (<see cref="IInvitationManager.ImportMembersAsync"/>).</summary>
    MemberImported = 9,

    /// <summary>An invitation's mail failed <see cref="InvitationDeliveryOptions.MaxAttempts"/> times; it stays pending and resendable.</summary>
    DeliveryFailed = 10,

    /// <summary>
    /// A member left the account of their own accord (<see cref="IInvitationManager.LeaveAsync"/>); the user and the actor
    /// are the same.
    /// </summary>
    MemberLeft = 11,

    /// <summary>An account's email domains were changed (<see cref="IInvitationManager.SetEmailDomainsAsync"/>); the actor is who changed them.</summary>
    EmailDomainsChanged = 12,

    /// <summary>A user joined the account through its verified email domain (<see cref="IInvitationManager.JoinAsync"/>).</summary>
    MemberJoined = 13,

    /// <summary>
    /// An invitation's link was handed to the actor, who delivers it (<see cref="IInvitationManager.InviteForHostDeliveryAsync"/>);
    /// published after <see cref="Created"/>. The event never carries the link.
    /// </summary>
    HandedToHost = 14,

    /// <summary>
    /// The invitee asked for a new invitation with an expired or revoked invitation's link, and a notice to its inviter
    /// (or the account's managers) was queued (rule 22). The actor is null: the link's holder is anonymous.
    /// </summary>
    NewInvitationRequested = 15,

    /// <summary>The invitation expires soon: its invitee's reminder and its inviter's notice were queued (rule 23).</summary>
    Reminded = 16,
}
