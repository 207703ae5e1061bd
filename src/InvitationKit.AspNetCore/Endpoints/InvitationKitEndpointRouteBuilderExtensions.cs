using InvitationKit.AspNetCore.Endpoints;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps InvitationKit's minimal-API endpoints.</summary>
public static class InvitationKitEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the invitee endpoints — <c>GET {prefix}/invitee/preview</c> (the link's secret in the
    /// <c>Invitation-Secret</c> header, so it never reaches an access log), <c>POST {prefix}/invitee/accept</c> (signed in),
    /// <c>POST {prefix}/invitee/reject</c> and <c>POST {prefix}/invitee/activate</c> —; a member's own
    /// <c>POST {prefix}/accounts/{accountId}/leave</c> (signed in, a JSON request); a signed-in user's
    /// <c>GET {prefix}/joinable-accounts</c> and <c>POST {prefix}/accounts/{accountId}/join</c> (through a verified email
    /// domain); and the management endpoints, which
    /// need <see cref="InvitationKitEndpointOptions.ManagementPolicy"/>: <c>POST|GET {prefix}/accounts/{accountId}/invitations</c>,
    /// <c>POST {prefix}/accounts/{accountId}/invitations/check</c> (a dry run: 200 with the problems and the seat impact),
    /// <c>GET {prefix}/accounts/{accountId}/seats</c>, <c>GET {prefix}/accounts/{accountId}/roles?productId=</c> (the grantable roles),
    /// <c>GET|PUT {prefix}/accounts/{accountId}/email-domains</c>, <c>GET {prefix}/invitations/{id}</c> and
    /// <c>POST {prefix}/invitations/{id}/revoke|resend|roles</c>. Every change is a POST (or the PUT) that needs a JSON content type,
    /// body or none (anything else is 415 before the endpoint runs, on every endpoint of the returned group); the invitee endpoints read at most
    /// <see cref="InvitationKitEndpointOptions.MaxInviteeRequestBodySize"/> bytes (413); previews, rejects and activations
    /// are throttled per <see cref="InvitationKitEndpointOptions.ClientPartitionKey"/>; a refusal is a problem details
    /// answer (<see cref="InvitationProblemDetails"/>).
    /// </summary>
    /// <param name="endpoints">The app.</param>
    /// <param name="prefix">The route prefix.</param>
    /// <param name="configure">Configures the endpoints.</param>
    /// <returns>The group of every endpoint, for the host's own conventions (rate limiting, CORS, tags).</returns>
    public static RouteGroupBuilder MapInvitationKit(this IEndpointRouteBuilder endpoints, string prefix = "/invitationkit", Action<InvitationKitEndpointOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(prefix);
        var options = new InvitationKitEndpointOptions();
        configure?.Invoke(options);
        ArgumentNullException.ThrowIfNull(options.ClientPartitionKey, nameof(options.ClientPartitionKey));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxInviteeRequestBodySize, nameof(options.MaxInviteeRequestBodySize));

        var group = endpoints.MapGroup(prefix).WithTags("InvitationKit");
        RequestGuards.RequireJsonToChange(group);
        if (options.RequireAntiforgery)
        {
            // The middleware validates and records the outcome; refusing is the endpoint's part (form binding does it,
            // JSON binding does not).
            group.WithMetadata(new RequireAntiforgeryTokenAttribute(required: true));
            group.AddEndpointFilter(async (context, next) =>
                context.HttpContext.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false }
                    ? TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The anti-forgery token is missing or not valid.", detail: "Send the token of IAntiforgery in the RequestVerificationToken header.")
                    : await next(context).ConfigureAwait(false));
        }

        var invitee = group.MapGroup("/invitee");
        RequestGuards.LimitBody(invitee, options.MaxInviteeRequestBodySize);
        InviteeEndpoints.Map(invitee, options);
        MemberEndpoints.Map(group, options);
        var management = group.MapGroup(string.Empty);
        if (options.ManagementPolicy is { } policy)
        {
            management.RequireAuthorization(policy);
        }
        else
        {
            management.RequireAuthorization();
        }

        ManagementEndpoints.Map(management, options);
        return group;
    }
}
