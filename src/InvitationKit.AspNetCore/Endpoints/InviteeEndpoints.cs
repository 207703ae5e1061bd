using InvitationKit.AspNetCore.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace InvitationKit.AspNetCore.Endpoints;

/// <summary>What the holder of a link, or of a mailed code, can do: preview, accept (signed in), reject, activate.</summary>
internal static class InviteeEndpoints
{
    /// <summary>The request header carrying the link's secret to the preview.</summary>
    public const string SecretHeader = "Invitation-Secret";

    public static void Map(RouteGroupBuilder invitee)
    {
        invitee.MapGet("/preview", PreviewAsync).AllowAnonymous();
        invitee.MapPost("/accept", AcceptAsync).RequireAuthorization();
        invitee.MapPost("/reject", RejectAsync).AllowAnonymous();
        invitee.MapPost("/activate", ActivateAsync).AllowAnonymous();
    }

    private static async Task<IResult> PreviewAsync([FromHeader(Name = SecretHeader)] string? secret, IInvitationManager kit, CancellationToken cancellationToken) =>
        EndpointResults.From(await kit.PreviewAsync(secret ?? string.Empty, cancellationToken).ConfigureAwait(false));

    private static async Task<IResult> AcceptAsync(LinkBody body, HttpContext http, IInvitationManager kit, CancellationToken cancellationToken)
    {
        var resolver = http.RequestServices.GetService<ISignedInIdentityResolver>() ?? ClaimsSignedInIdentityResolver.Instance;
        if (await resolver.ResolveAsync(http.User, cancellationToken).ConfigureAwait(false) is not { } identity)
        {
            return TypedResults.Unauthorized();
        }

        return EndpointResults.From(await kit.AcceptAsync(body.Secret ?? string.Empty, identity, cancellationToken).ConfigureAwait(false));
    }

    private static async Task<IResult> RejectAsync(LinkBody body, IInvitationManager kit, CancellationToken cancellationToken) =>
        EndpointResults.From(await kit.RejectAsync(body.Secret ?? string.Empty, cancellationToken).ConfigureAwait(false));

    private static async Task<IResult> ActivateAsync(ActivationBody body, HttpContext http, IInvitationManager kit, CancellationToken cancellationToken)
    {
        // The client's address partitions the activation rate limit, so one client guessing codes cannot lock out others.
        var request = new ActivationRequest(body.Email ?? string.Empty, body.OneTimePassword ?? string.Empty, body.Password ?? string.Empty, http.Connection.RemoteIpAddress?.ToString());
        return EndpointResults.From(await kit.ActivateAsync(request, cancellationToken).ConfigureAwait(false));
    }
}
