using System.Buffers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace InvitationKit.AspNetCore.Endpoints;

/// <summary>
/// Checks that run before an endpoint binds its parameters, so a refused request is never read or parsed: they wrap the
/// endpoint's request delegate (an endpoint filter would run after the body is bound).
/// </summary>
internal static class RequestGuards
{
    /// <summary>
    /// Every request but a GET or HEAD needs a JSON content type, whether or not the endpoint reads a body: a cross-site
    /// form (or a bodiless cross-site request) cannot send one without a CORS preflight, so it never changes anything.
    /// </summary>
    /// <param name="endpoints">The endpoints.</param>
    public static void RequireJsonToChange(IEndpointConventionBuilder endpoints) =>
        Wrap(endpoints, next => http =>
            HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || http.Request.HasJsonContentType()
                ? next(http)
                : TypedResults.Problem(
                    statusCode: StatusCodes.Status415UnsupportedMediaType,
                    title: "This endpoint needs a JSON request.",
                    detail: "Send Content-Type: application/json, with the endpoint's body or an empty object ({}) when it takes none.").ExecuteAsync(http));

    /// <summary>
    /// Refuses a body over <paramref name="maxBytes"/> with 413 before any of it is parsed: at once when its declared
    /// length is larger, and after reading at most one byte too many when it declares none (chunked).
    /// </summary>
    /// <param name="endpoints">The endpoints.</param>
    /// <param name="maxBytes">The largest body read, in bytes.</param>
    public static void LimitBody(IEndpointConventionBuilder endpoints, long maxBytes) =>
        Wrap(endpoints, next => http => LimitedAsync(http, maxBytes, next));

    private static void Wrap(IEndpointConventionBuilder endpoints, Func<RequestDelegate, RequestDelegate> guard) =>
        endpoints.Finally(endpoint =>
            endpoint.RequestDelegate = guard(endpoint.RequestDelegate ?? throw new InvalidOperationException($"The endpoint {endpoint.DisplayName} has no request delegate to guard.")));

    private static async Task LimitedAsync(HttpContext http, long maxBytes, RequestDelegate next)
    {
        // On servers that enforce it (Kestrel, IIS), nothing past the limit is read or drained either.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxBytes;
        }

        var request = http.Request;
        if (request.ContentLength > maxBytes)
        {
            await TooLarge(maxBytes).ExecuteAsync(http).ConfigureAwait(false);
            return;
        }

        if (request.ContentLength is null && http.Features.Get<IHttpRequestBodyDetectionFeature>() is not { CanHaveBody: false })
        {
            // No declared length: read the body here, at most one byte past the limit, and hand the endpoint the copy.
            var copy = new MemoryStream();
            http.Response.RegisterForDispose(copy);
            var chunk = ArrayPool<byte>.Shared.Rent(4096);
            try
            {
                int read;
                while ((read = await request.Body.ReadAsync(chunk, http.RequestAborted).ConfigureAwait(false)) > 0)
                {
                    if (copy.Length + read > maxBytes)
                    {
                        await TooLarge(maxBytes).ExecuteAsync(http).ConfigureAwait(false);
                        return;
                    }

                    copy.Write(chunk, 0, read);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(chunk);
            }

            copy.Position = 0;
            request.Body = copy;
        }

        await next(http).ConfigureAwait(false);
    }

    private static IResult TooLarge(long maxBytes) => TypedResults.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "The request body is too large.",
        detail: $"This endpoint reads at most {maxBytes} bytes.");
}
