using System.Security.Claims;

namespace InvitationKit.AspNetCore.Endpoints;

/// <summary>How <c>MapInvitationKit()</c> maps the endpoints.</summary>
public sealed class InvitationKitEndpointOptions
{
    /// <summary>
    /// The authorization policy the management endpoints (invite, list, get, revoke, resend, roles, seats) require; null is
    /// the host's default policy (an authenticated user). The kit checks each actor's rights in the account itself
    /// (rule 6): the policy decides who may reach the endpoints at all. Leaving an account is not a management endpoint:
    /// it needs only a signed-in user, since every member may leave.
    /// </summary>
    public string? ManagementPolicy { get; set; }

    /// <summary>
    /// The actor of a management call, or of a member leaving an account, from the signed-in user. The default is
    /// <see cref="Actor.User"/> of the <see cref="ClaimTypes.NameIdentifier"/> claim (ASP.NET Core Identity's user id);
    /// return <see cref="Actor.Admin"/> for your platform administrators, and null to refuse the call (403).
    /// </summary>
    public Func<ClaimsPrincipal, Actor?> ResolveActor { get; set; } = DefaultActor;

    /// <summary>
    /// Whether every POST requires an anti-forgery token (validated by <c>app.UseAntiforgery()</c>, sent in the
    /// <c>RequestVerificationToken</c> header). Turn it on when browsers call the endpoints with a cookie. The bodies are
    /// JSON only, which a cross-site form cannot send, but the token is the defence the framework documents.
    /// </summary>
    public bool RequireAntiforgery { get; set; }

    private static Actor? DefaultActor(ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) is { Length: > 0 } id ? Actor.User(id) : null;
}
