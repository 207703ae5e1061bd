namespace InvitationKit.AspNetCore.Endpoints;

/// <summary>One recipient of an <see cref="InviteBody"/>.</summary>
/// <param name="Email">The address.</param>
/// <param name="Roles">The roles granted on acceptance; none when absent.</param>
/// <param name="GrantsOwner">Whether acceptance makes the invitee an owner.</param>
/// <threadsafety>This type is immutable.</threadsafety>
public sealed record RecipientBody(string Email, IReadOnlyList<string>? Roles = null, bool GrantsOwner = false);
