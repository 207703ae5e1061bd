namespace InvitationKit;

/// <summary>An account the signed-in user may join through its verified email domain.</summary>
/// <param name="AccountId">The account.</param>
/// <param name="AccountName">Its display name.</param>
public sealed record JoinableAccount(string AccountId, string AccountName);
