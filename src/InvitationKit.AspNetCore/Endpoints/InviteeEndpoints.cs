using InvitationKit.AspNetCore.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace InvitationKit.AspNetCore.Endpoints;

/// <summary>What the holder of a link, or of a mailed code, can do: preview, accept (signed in), reject, ask for a new invitation, activate.</summary>
internal static class InviteeEndpoints
{
    /// <summary>The request header carrying the link's secret to the preview.</summary>
    public const string SecretHeader = "Invitation-Secret";

    public static void Map(RouteGroupBuilder invitee, InvitationKitEndpointOptions options)
    {
        invitee.MapGet("/preview", ([FromHeader(Name = SecretHeader)] string? secret, HttpContext http, IInvitationManager kit) => PreviewAsync(secret, http, options, kit)).AllowAnonymous();
        invitee.MapPost("/accept", AcceptAsync).RequireAuthorization();
        invitee.MapPost("/reject", (LinkBody body, HttpContext http, IInvitationManager kit) => RejectAsync(body, http, options, kit)).AllowAnonymous();
        invitee.MapPost("/request-new-invitation", (LinkBody body, HttpContext http, IInvitationManager kit) => RequestNewInvitationAsync(body, http, options, kit)).AllowAnonymous();
        invitee.MapPost("/activate", (ActivationBody body, HttpContext http, IInvitationManager kit) => ActivateAsync(body, http, options, kit)).AllowAnonymous();
    }

    private static async Task<IResult> PreviewAsync(string? secret, HttpContext http, InvitationKitEndpointOptions options, IInvitationManager kit) =>
        await ClientThrottle.PreviewOrRejectAsync(http, options).ConfigureAwait(false)
            ?? EndpointResults.From(await kit.PreviewAsync(secret ?? string.Empty, http.RequestAborted).ConfigureAwait(false));

    private static async Task<IResult> AcceptAsync(LinkBody body, HttpContext http, IInvitationManager kit, CancellationToken cancellationToken)
    {
        var resolver = http.RequestServices.GetService<ISignedInIdentityResolver>() ?? ClaimsSignedInIdentityResolver.Instance;
        if (await resolver.ResolveAsync(http.User, cancellationToken).ConfigureAwait(false) is not { } identity)
        {
            return TypedResults.Unauthorized();
        }

        return EndpointResults.From(await kit.AcceptAsync(body.Secret ?? string.Empty, identity, cancellationToken).ConfigureAwait(false));
    }

    private static async Task<IResult> RejectAsync(LinkBody body, HttpContext http, InvitationKitEndpointOptions options, IInvitationManager kit) =>
        await ClientThrottle.PreviewOrRejectAsync(http, options).ConfigureAwait(false)
            ?? EndpointResults.From(await kit.RejectAsync(body.Secret ?? string.Empty, http.RequestAborted).ConfigureAwait(false));

    // The secret travels in the body, never in the URL; the client partitions the kit's per-client limit, and the answer
    // is the same for every secret (rule 22).
    private static async Task<IResult> RequestNewInvitationAsync(LinkBody body, HttpContext http, InvitationKitEndpointOptions options, IInvitationManager kit) =>
        EndpointResults.From(await kit.RequestNewInvitationAsync(body.Secret ?? string.Empty, options.ClientPartitionKey(http), http.RequestAborted).ConfigureAwait(false));

    private static async Task<IResult> ActivateAsync(ActivationBody body, HttpContext http, InvitationKitEndpointOptions options, IInvitationManager kit)
    {
        // The client partitions the activation rate limit, so one client guessing codes cannot lock out others.
        var request = new ActivationRequest(body.Email ?? string.Empty, body.OneTimePassword ?? string.Empty, body.Password ?? string.Empty, options.ClientPartitionKey(http))
        {
            Secret = body.Secret,
        };
        return EndpointResults.From(await kit.ActivateAsync(request, http.RequestAborted).ConfigureAwait(false));
    }
}
