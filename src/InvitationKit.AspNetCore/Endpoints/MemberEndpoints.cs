using InvitationKit.AspNetCore.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace InvitationKit.AspNetCore.Endpoints;

/// <summary>
/// What a signed-in user does for themselves, whoever manages the account: leave it, list and join the accounts that
/// verified the domain of their address, and list, accept and decline the invitations addressed to them.
/// </summary>
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

        // Joining is the signed-in user's own act, as accepting is: their identity (from ISignedInIdentityResolver) decides,
        // never the management policy.
        group.MapGet("/joinable-accounts", (HttpContext http, IInvitationManager kit) =>
                AsIdentityAsync(http, identity => kit.ListJoinableAccountsAsync(identity, http.RequestAborted)))
            .RequireAuthorization();
        group.MapPost("/accounts/{accountId}/join", (string accountId, JoinBody body, HttpContext http, IInvitationManager kit) =>
                AsIdentityAsync(http, identity => kit.JoinAsync(identity, accountId, body.ProductId ?? string.Empty, http.RequestAborted)))
            .RequireAuthorization();

        // The invitee's inbox (rule 21): the signed-in user's own invitations, accepted or declined by id, without the link.
        group.MapGet("/received-invitations", (HttpContext http, IInvitationManager kit) =>
                AsIdentityAsync(http, identity => kit.ListReceivedInvitationsAsync(identity, http.RequestAborted)))
            .RequireAuthorization();
        group.MapPost("/received-invitations/{invitationId:guid}/accept", (Guid invitationId, HttpContext http, IInvitationManager kit) =>
                AsIdentityAsync(http, identity => kit.AcceptReceivedInvitationAsync(invitationId, identity, http.RequestAborted)))
            .RequireAuthorization();
        group.MapPost("/received-invitations/{invitationId:guid}/reject", (Guid invitationId, HttpContext http, IInvitationManager kit) =>
                AsIdentityAsync(http, identity => kit.RejectReceivedInvitationAsync(invitationId, identity, http.RequestAborted)))
            .RequireAuthorization();
    }

    private static async Task<IResult> AsIdentityAsync<T>(HttpContext http, Func<SignedInIdentity, Task<InvitationResult<T>>> call)
    {
        var resolver = http.RequestServices.GetService<ISignedInIdentityResolver>() ?? ClaimsSignedInIdentityResolver.Instance;
        return await resolver.ResolveAsync(http.User, http.RequestAborted).ConfigureAwait(false) is { } identity
            ? EndpointResults.From(await call(identity).ConfigureAwait(false))
            : TypedResults.Unauthorized();
    }
}
