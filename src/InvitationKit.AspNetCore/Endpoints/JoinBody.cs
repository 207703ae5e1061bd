namespace InvitationKit.AspNetCore.Endpoints;

/// <summary>The body of <c>POST {prefix}/accounts/{accountId}/join</c>.</summary>
/// <param name="ProductId">The product the signed-in user joins the account for.</param>
/// <threadsafety>This type is immutable.</threadsafety>
public sealed record JoinBody(string ProductId);
