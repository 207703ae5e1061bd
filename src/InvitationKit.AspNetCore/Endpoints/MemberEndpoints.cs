using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InvitationKit.AspNetCore.Endpoints;

/// <summary>What a member does for themselves, whoever manages the account: leave it.</summary>
internal static class MemberEndpoints
{
    public static void Map(RouteGroupBuilder group, InvitationKitEndpointOptions options)
    {
        // Any signed-in member may leave, so the management policy does not apply; the kit acts on the caller's own
        // membership only (the route names no user). A JSON content type is required although nothing is read: a
        // cross-site form or a bodiless no-cors request cannot carry it, so a forged request never makes a member leave.
        group.MapPost("/accounts/{accountId}/leave", (string accountId, HttpContext http, IInvitationManager kit) =>
                http.Request.HasJsonContentType()
                    ? EndpointResults.AsActorAsync(http, options, actor => kit.LeaveAsync(actor, accountId, http.RequestAborted))
                    : Task.FromResult<IResult>(TypedResults.Problem(
                        statusCode: StatusCodes.Status415UnsupportedMediaType,
                        title: "Leaving needs a JSON request.",
                        detail: "Send Content-Type: application/json with an empty object ({}) as the body.")))
            .RequireAuthorization();
    }
}
