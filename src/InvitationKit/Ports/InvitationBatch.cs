using NodaTime;

namespace InvitationKit.Ports;

/// <summary>The input of <see cref="IInvitationStore.InsertBatchAsync"/>.</summary>
/// <param name="AccountId">The account every invitation belongs to.</param>
/// <param name="UserLimit">The account's user limit.</param>
/// <param name="Now">The instant seats are counted at.</param>
/// <param name="Invitations">The invitations to insert, each at revision 1 with a distinct email key.</param>
/// <threadsafety>This type is immutable.</threadsafety>
public sealed record InvitationBatch(string AccountId, int UserLimit, Instant Now, IReadOnlyList<Invitation> Invitations)
{
    /// <summary>
    /// The invite's idempotency key, or null. When set, the store records it with <see cref="RequestFingerprint"/> and the
    /// batch's invitation ids in the same atomic step as the batch, unless the account already holds the key: then it
    /// stores nothing and answers <see cref="BatchInsertStatus.IdempotencyKeyUsed"/>.
    /// </summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>A digest of the request the key names (hex), compared by the manager on a replay; set with <see cref="IdempotencyKey"/>.</summary>
    public string? RequestFingerprint { get; init; }
}
