namespace InvitationKit.Permissions;

/// <summary>One role an actor wants to grant, by invitation or by editing an invitation's roles.</summary>
/// <param name="Actor">Who grants it.</param>
/// <param name="AccountId">The account.</param>
/// <param name="ActorMembership">The actor's membership of the account; null for a system admin who is not a member.</param>
/// <param name="Role">The role.</param>
/// <threadsafety>This type is immutable.</threadsafety>
public sealed record RoleGrant(Actor Actor, string AccountId, Member? ActorMembership, string Role);
