using Microsoft.AspNetCore.Http;

namespace InvitationKit.AspNetCore.Endpoints;

/// <summary>The answer of an endpoint: the value as JSON (<see cref="InvitationKitJson"/>), or the problem details.</summary>
internal static class EndpointResults
{
    public static IResult From<T>(InvitationResult<T> result) =>
        result.Succeeded ? TypedResults.Json(result.Value, InvitationKitJson.Options) : InvitationProblemDetails.ToResult(result.Errors);
}
