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
        // membership only (the route names no user). Like every change, it needs a JSON request although nothing is read
        // (RequestGuards.RequireJsonToChange): a forged cross-site request never makes a member leave.
        group.MapPost("/accounts/{accountId}/leave", (string accountId, HttpContext http, IInvitationManager kit) =>
                EndpointResults.AsActorAsync(http, options, actor => kit.LeaveAsync(actor, accountId, http.RequestAborted)))
            .RequireAuthorization();
    }
}
