using InvitationKit.Limits;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace InvitationKit.AspNetCore.Endpoints;

/// <summary>
/// The per-client throttle of previews and rejects (<see cref="InvitationRateLimitOptions.PreviewsAndRejectsPerPartition"/>),
/// taken before the kit looks a link up: every unknown link costs a lookup per key of the ring, so a client probing links
/// is refused before it costs any.
/// </summary>
internal static class ClientThrottle
{
    /// <summary>Counts the request against its client; the refusal to answer when the client is over its limit, else null.</summary>
    /// <param name="http">The request.</param>
    /// <param name="options">The endpoints' options (<see cref="InvitationKitEndpointOptions.ClientPartitionKey"/>).</param>
    /// <returns>The 429 answer, or null to go on.</returns>
    public static async Task<IResult?> PreviewOrRejectAsync(HttpContext http, InvitationKitEndpointOptions options)
    {
        if (options.ClientPartitionKey(http) is not { } client)
        {
            return null;
        }

        var limiter = http.RequestServices.GetRequiredService<IInvitationRateLimiter>();
        var decision = await limiter.AcquireAsync(RateLimitedOperation.PreviewOrRejectByPartition, client, 1, http.RequestAborted).ConfigureAwait(false);
        return decision.Acquired ? null : InvitationProblemDetails.ToResult(
        [
            new InvitationError(
                InvitationErrorCode.RateLimited,
                "Too many invitation links were opened from this network; try again later.",
                ["Wait and try again: the Retry-After header says when.", "Open the link from the most recent invitation email."])
            {
                RetryAfter = decision.RetryAfter,
            },
        ]);
    }
}
