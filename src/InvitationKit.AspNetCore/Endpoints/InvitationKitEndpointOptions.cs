using System.Net;
using System.Net.Sockets;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;

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

    /// <summary>
    /// The client a request counts against in the per-client throttles: activations
    /// (<see cref="InvitationRateLimitOptions.ActivationsPerPartition"/>, as <see cref="ActivationRequest.PartitionKey"/>),
    /// previews and rejects (<see cref="InvitationRateLimitOptions.PreviewsAndRejectsPerPartition"/>). Null counts the
    /// request against no client. The default is <see cref="DefaultClientPartitionKey"/>: the connection's remote
    /// address, which behind a reverse proxy is the proxy's unless the host runs <c>app.UseForwardedHeaders()</c> with the
    /// proxy in <c>KnownProxies</c> or <c>KnownIPNetworks</c> — without it every invitee shares one partition, and one
    /// client's junk locks all of them out. Set your own for a proxy that names the client another way; never read a
    /// header any client can set, or each request picks its own partition.
    /// </summary>
    public Func<HttpContext, string?> ClientPartitionKey { get; set; } = DefaultClientPartitionKey;

    /// <summary>
    /// The largest request body, in bytes, the invitee endpoints (preview, accept, reject, activate) read; a larger one is
    /// refused with 413 before any of it is parsed. The default, 16 KiB, holds the largest activation the kit accepts
    /// (a 1 024-character password, escaped) several times over.
    /// </summary>
    public long MaxInviteeRequestBodySize { get; set; } = 16 * 1024;

    /// <summary>
    /// The default <see cref="ClientPartitionKey"/>: the connection's remote address (after <c>UseForwardedHeaders</c>);
    /// an IPv4 client seen as IPv4-mapped IPv6 counts as its IPv4 address, and an IPv6 client as its /64 network, the
    /// smallest block one subscriber is given, so rotating addresses within it does not escape the throttle. Null when
    /// the connection has no remote address (a Unix socket, a test server).
    /// </summary>
    /// <param name="http">The request's context.</param>
    /// <returns>The partition key, such as <c>203.0.113.7</c> or <c>2001:db8:1:2::/64</c>, or null.</returns>
    public static string? DefaultClientPartitionKey(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.Connection.RemoteIpAddress is not { } address)
        {
            return null;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        bytes[8..].Clear(); // the interface identifier: the subscriber chooses it freely
        return $"{new IPAddress(bytes)}/64";
    }

    private static Actor? DefaultActor(ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) is { Length: > 0 } id ? Actor.User(id) : null;
}
