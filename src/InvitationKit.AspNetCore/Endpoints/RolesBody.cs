namespace InvitationKit.AspNetCore.Endpoints;

/// <summary>The body of <c>POST {prefix}/invitations/{id}/roles</c>.</summary>
/// <param name="Roles">The new roles.</param>
/// <param name="GrantsOwner">The new owner flag; null keeps the current one.</param>
/// <threadsafety>This type is immutable.</threadsafety>
public sealed record RolesBody(IReadOnlyList<string> Roles, bool? GrantsOwner = null);
