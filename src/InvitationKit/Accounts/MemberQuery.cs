namespace InvitationKit;

/// <summary>A page of an account's members, by join time.</summary>
/// <param name="AccountId">The account.</param>
/// <param name="Offset">How many members to skip.</param>
/// <param name="Limit">The page size, 1..<see cref="InvitationKitOptions.MaxPageSize"/>.</param>
/// <threadsafety>This type is immutable.</threadsafety>
public sealed record MemberQuery(string AccountId, int Offset = 0, int Limit = 50);
