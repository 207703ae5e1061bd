using Microsoft.AspNetCore.Http;

namespace InvitationKit.AspNetCore.Endpoints;

/// <summary>The answer of an endpoint: the value as JSON (<see cref="InvitationKitJson"/>), or the problem details.</summary>
internal static class EndpointResults
{
    public static IResult From<T>(InvitationResult<T> result) =>
        result.Succeeded ? TypedResults.Json(result.Value, InvitationKitJson.Options) : InvitationProblemDetails.ToResult(result.Errors);

    /// <summary>Calls the kit as the signed-in user's actor (<see cref="InvitationKitEndpointOptions.ResolveActor"/>); 403 when there is none.</summary>
    public static async Task<IResult> AsActorAsync<T>(HttpContext http, InvitationKitEndpointOptions options, Func<Actor, Task<InvitationResult<T>>> call)
    {
        if (options.ResolveActor(http.User) is not { } actor)
        {
            return TypedResults.Forbid();
        }

        return From(await call(actor).ConfigureAwait(false));
    }
}
