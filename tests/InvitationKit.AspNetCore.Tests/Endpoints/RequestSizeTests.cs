using System.Net;
using System.Net.Http.Json;
using System.Text;
using InvitationKit.AspNetCore.Endpoints;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace InvitationKit.AspNetCore.Tests.Endpoints;

/// <summary>
/// Issue 24, finding 7: a 16 MB password was deserialized (about 150 MB allocated) before the kit's 1 024-character check
/// refused it. The invitee endpoints read at most <see cref="InvitationKitEndpointOptions.MaxInviteeRequestBodySize"/>
/// bytes: a larger body is 413 before it is parsed, whether its length is declared or not.
/// </summary>
public sealed class RequestSizeTests
{
    private const long Huge = 16L * 1024 * 1024;

    [Fact]
    public async Task A_16_MB_password_is_refused_with_413_before_the_body_is_read()
    {
        await using var host = await KitHost.StartAsync();
        using var content = new GeneratedActivation(Huge, declareLength: true);
        using var response = await host.SendAsync(HttpMethod.Post, "/invitee/activate", content, "203.0.113.7");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(content.Produced < 1024 * 1024, $"{content.Produced} bytes of the body were read.");
    }

    [Fact]
    public async Task A_16_MB_password_without_a_declared_length_is_refused_after_at_most_the_limit()
    {
        await using var host = await KitHost.StartAsync();
        using var content = new GeneratedActivation(Huge, declareLength: false);
        using var response = await host.SendAsync(HttpMethod.Post, "/invitee/activate", content, "203.0.113.7");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.True(content.Produced < 1024 * 1024, $"{content.Produced} bytes of the body were read.");
    }

    [Fact]
    public async Task Every_anonymous_route_refuses_an_oversized_body_with_413()
    {
        await using var host = await KitHost.StartAsync();
        var anonymous = host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            .ToArray();
        Assert.Equal(4, anonymous.Length); // preview, reject, activate, request a new invitation: a new anonymous route is checked here too

        foreach (var endpoint in anonymous)
        {
            var method = new HttpMethod(endpoint.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Single());
            using var content = new GeneratedActivation(Huge, declareLength: true);
            using var response = await host.SendAsync(method, endpoint.RoutePattern.RawText![KitHost.Api.Length..], content, "203.0.113.7");
            Assert.True(HttpStatusCode.RequestEntityTooLarge == response.StatusCode, $"{method} {endpoint.RoutePattern.RawText}: {response.StatusCode}");
            Assert.True(content.Produced < 1024 * 1024, $"{endpoint.RoutePattern.RawText}: {content.Produced} bytes of the body were read.");
        }
    }

    [Fact]
    public async Task A_body_within_the_limit_still_reaches_the_kit_with_or_without_a_declared_length()
    {
        await using var host = await KitHost.StartAsync(endpoints: o => o.MaxInviteeRequestBodySize = 256);
        var (_, code) = await host.InviteNewUserAsync("nina@example.com");
        using var tooLarge = await host.SendAsync(HttpMethod.Post, "/invitee/activate", JsonContent.Create(new { email = "nina@example.com", oneTimePassword = code, password = new string('x', 300) }), "203.0.113.7");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);

        var body = $$"""{"email":"nina@example.com","oneTimePassword":"{{code}}","password":"Nina-pass-1"}""";
        using var chunked = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(body))); // no declared length
        chunked.Headers.ContentType = new("application/json");
        using var activated = await host.SendAsync(HttpMethod.Post, "/invitee/activate", chunked, "203.0.113.7");
        Assert.Equal(HttpStatusCode.OK, activated.StatusCode);
    }

    /// <summary>An activation whose password makes the body <c>length</c> bytes long, produced as it is read, counting what was read.</summary>
    private sealed class GeneratedActivation : HttpContent
    {
        private readonly long _length;
        private readonly bool _declareLength;
        private long _produced;

        public GeneratedActivation(long length, bool declareLength)
        {
            (_length, _declareLength) = (length, declareLength);
            Headers.ContentType = new("application/json");
        }

        public long Produced => Interlocked.Read(ref _produced);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var head = Encoding.UTF8.GetBytes("""{"email":"nina@example.com","oneTimePassword":"000000","password":" """.TrimEnd());
            var tail = "\"}"u8.ToArray();
            var filler = Encoding.UTF8.GetBytes(new string('x', 64 * 1024));
            await WriteAsync(stream, head);
            for (var left = _length - head.Length - tail.Length; left > 0; left -= filler.Length)
            {
                await WriteAsync(stream, filler.AsMemory(0, (int)Math.Min(left, filler.Length)));
            }

            await WriteAsync(stream, tail);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = _length;
            return _declareLength;
        }

        private async Task WriteAsync(Stream stream, ReadOnlyMemory<byte> bytes)
        {
            Interlocked.Add(ref _produced, bytes.Length);
            await stream.WriteAsync(bytes);
            await stream.FlushAsync();
        }
    }
}
