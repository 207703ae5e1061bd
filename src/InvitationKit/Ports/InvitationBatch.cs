using NodaTime;

namespace InvitationKit.Ports;

/// <summary>The input of <see cref="IInvitationStore.InsertBatchAsync"/>.</summary>
/// <param name="AccountId">The account every invitation belongs to.</param>
/// <param name="UserLimit">The account's user limit.</param>
/// <param name="Now">The instant seats are counted at.</param>
/// <param name="Invitations">The invitations to insert, each at revision 1 with a distinct email key.</param>
/// <threadsafety>This type is immutable.</threadsafety>
public sealed record InvitationBatch(string AccountId, int UserLimit, Instant Now, IReadOnlyList<Invitation> Invitations);
