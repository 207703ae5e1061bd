using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace InvitationKit.AspNetCore.Tests.Endpoints;

/// <summary><see cref="InvitationKit.AspNetCore.Endpoints.InvitationKitEndpointOptions.RequireAntiforgery"/> makes every POST need the framework's token.</summary>
public sealed class AntiforgeryTests
{
    [Fact]
    public async Task With_the_option_a_post_without_the_token_is_refused_and_one_with_it_reaches_the_kit()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddInvitationKit(o => o.SecretKey = RandomNumberGenerator.GetBytes(32)).UseInMemoryPorts();
        builder.Services.AddAuthentication();
        builder.Services.AddAuthorization();
        builder.Services.AddAntiforgery();
        await using var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapGet("/token", (IAntiforgery antiforgery, HttpContext http) => antiforgery.GetAndStoreTokens(http).RequestToken!);
        app.MapInvitationKit("/api", o => o.RequireAntiforgery = true);
        await app.StartAsync();
        var client = app.GetTestClient();

        using var without = await client.PostAsJsonAsync("/api/invitee/reject", new { secret = "not-a-link" });
        Assert.Equal(HttpStatusCode.BadRequest, without.StatusCode);

        using var tokenResponse = await client.GetAsync("/token");
        var token = await tokenResponse.Content.ReadAsStringAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/invitee/reject") { Content = JsonContent.Create(new { secret = "not-a-link" }) };
        request.Headers.Add("RequestVerificationToken", token);
        request.Headers.Add("Cookie", string.Join("; ", tokenResponse.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0])));
        using var with = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotFound, with.StatusCode); // the kit answered: no such invitation
    }
}
