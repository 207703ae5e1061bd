using NodaTime;

namespace InvitationKit.Ports;

/// <summary>The input of <see cref="IInvitationStore.InsertBatchAsync"/>.</summary>
/// <param name="AccountId">The account every invitation belongs to.</param>
/// <param name="UserLimit">The account's user limit.</param>
/// <param name="Now">The instant seats are counted at.</param>
/// <param name="Invitations">The invitations to insert, each at revision 1 with a distinct email key; may be empty when <see cref="Reissued"/> is not.</param>
/// <threadsafety>This type is immutable.</threadsafety>
public sealed record InvitationBatch(string AccountId, int UserLimit, Instant Now, IReadOnlyList<Invitation> Invitations)
{
    /// <summary>
    /// The invite's idempotency key, or null. When set, the store records it with <see cref="RequestFingerprint"/> and the
    /// batch's invitation ids in the same atomic step as the batch, unless the account already holds the key: then it
    /// stores nothing and answers <see cref="BatchInsertStatus.IdempotencyKeyUsed"/>.
    /// </summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>
    /// Pending invitations the invite resends or replaces (<see cref="InviteRequest.WhenPending"/>), each changed at the
    /// revision it was read at. In the same atomic step as the insert, the store applies each as
    /// <see cref="IInvitationStore.TryUpdateAsync"/> does (a compare-and-swap on <see cref="Invitation.Revision"/> that
    /// advances it); when any revision moved on it stores nothing at all and answers <see cref="BatchInsertStatus.Conflict"/>.
    /// They take no seat and are not checked as pending duplicates; their email keys are distinct from
    /// <see cref="Invitations"/>' keys. Recorded with <see cref="IdempotencyKey"/> as <see cref="IdempotentInvite.ReissuedIds"/>.
    /// </summary>
    public IReadOnlyList<Invitation> Reissued { get; init; } = [];

    /// <summary>The ids the idempotency key records, in request order: <see cref="Invitations"/> and <see cref="Reissued"/>.</summary>
    public IReadOnlyList<Guid> InvitationIds { get; init; } = [.. Invitations.Select(i => i.Id)];

    /// <summary>A digest of the request the key names (hex), compared by the manager on a replay; set with <see cref="IdempotencyKey"/>.</summary>
    public string? RequestFingerprint { get; init; }
}
