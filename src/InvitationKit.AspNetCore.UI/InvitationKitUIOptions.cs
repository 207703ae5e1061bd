using System.Security.Claims;
using InvitationKit.AspNetCore.Endpoints;
using Microsoft.AspNetCore.Http;

namespace InvitationKit.AspNetCore.UI;

/// <summary>
/// How the screens of <c>AddInvitationKitUI()</c> behave. Who may reach the account page, who a signed-in user acts as and
/// which client a request counts against have the names and defaults of the JSON endpoints' settings
/// (<see cref="InvitationKitEndpointOptions"/>): a host that customizes one sets both alike.
/// </summary>
public sealed class InvitationKitUIOptions
{
    /// <summary>
    /// The authorization policy the account page requires; null is the host's default policy (an authenticated user).
    /// The kit checks each actor's rights in the account itself (rule 6): the policy decides who may reach the page at all.
    /// </summary>
    public string? ManagementPolicy { get; set; }

    /// <summary>
    /// The authorization policy "My invitations" (<c>/Invitations/Received</c>) requires; null is the host's default policy
    /// (an authenticated user). The kit shows each user only the invitations of their verified address (rule 21).
    /// </summary>
    public string? ReceivedInvitationsPolicy { get; set; }

    /// <summary>
    /// The actor of the account page's changes, from the signed-in user; null refuses the page (403). The default, as the
    /// endpoints', is <see cref="Actor.User"/> of the <see cref="ClaimTypes.NameIdentifier"/> claim (Identity's user id).
    /// </summary>
    public Func<ClaimsPrincipal, Actor?> ResolveActor { get; set; } = new InvitationKitEndpointOptions().ResolveActor;

    /// <summary>
    /// The client an activation counts against in the per-client throttle; the default, as the endpoints', is
    /// <see cref="InvitationKitEndpointOptions.DefaultClientPartitionKey"/> (the connection's address after
    /// <c>UseForwardedHeaders</c>).
    /// </summary>
    public Func<HttpContext, string?> ClientPartitionKey { get; set; } = InvitationKitEndpointOptions.DefaultClientPartitionKey;

    /// <summary>Invitations per page on the account page's invitations tab, 1..100.</summary>
    /// <value>Defaults to 20.</value>
    public int PageSize { get; set; } = 20;

    /// <summary>
    /// Where a page sends someone who is done (after accepting, activating or declining): the host's home, or its app.
    /// A local path only; the screens never redirect off the site.
    /// </summary>
    /// <value>Defaults to <c>/</c>.</value>
    public string HomePath { get; set; } = "/";
}
