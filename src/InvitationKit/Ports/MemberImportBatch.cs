using NodaTime;

namespace InvitationKit.Ports;

/// <summary>The input of <see cref="IMemberStore.ImportMembersAsync"/>.</summary>
/// <param name="AccountId">The account every member belongs to.</param>
/// <param name="UserLimit">The account's user limit.</param>
/// <param name="Now">The instant seats are counted at.</param>
/// <param name="Members">The memberships, one per user id.</param>
/// <threadsafety>This type is immutable.</threadsafety>
public sealed record MemberImportBatch(string AccountId, int UserLimit, Instant Now, IReadOnlyList<Member> Members);
