using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using InvitationKit.Samples.Web.Data;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace InvitationKit.AspNetCore.Tests.Endpoints;

/// <summary>
/// Issue 24, finding 6: revoke and resend took any content type, so an empty form POST from a same-site page riding a
/// manager's cookie revoked an invitation. Every state-changing route of <c>MapInvitationKit</c> now needs a JSON content
/// type, body or none: a form, a text body or no content type at all is 415 before the endpoint runs.
/// </summary>
public sealed partial class ForgedChangeTests : IClassFixture<SampleApp>
{
    private const string Api = "/api/invitationkit";
    private const string Owner = "olivia@acme.example";
    private readonly SampleApp _app;

    public ForgedChangeTests(SampleApp app) => _app = app;

    [Fact]
    public async Task An_empty_form_post_riding_a_managers_cookie_neither_revokes_nor_resends()
    {
        var owner = await _app.SignedInAsync(Owner);
        var id = await InviteAsync(owner, "forged-revoke@example.com");
        var mails = _app.MailsTo("forged-revoke@example.com");

        foreach (var action in new[] { "revoke", "resend" })
        {
            using var form = new FormUrlEncodedContent([]);
            using var forged = await owner.PostAsync($"{Api}/invitations/{id}/{action}", form);
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, forged.StatusCode);
            Assert.Equal("application/problem+json", forged.Content.Headers.ContentType?.MediaType);
            using var bodiless = await owner.PostAsync($"{Api}/invitations/{id}/{action}", null);
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, bodiless.StatusCode);
        }

        var invitation = await Json(await owner.GetAsync($"{Api}/invitations/{id}"));
        Assert.Equal("Pending", invitation.GetProperty("status").GetString());
        Assert.Equal(mails, _app.MailsTo("forged-revoke@example.com"));

        // The real client's JSON request still works.
        using var revoked = await owner.PostAsJsonAsync($"{Api}/invitations/{id}/revoke", new { });
        Assert.Equal("Revoked", (await Json(revoked)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Every_state_changing_route_refuses_a_form_a_text_and_a_bodiless_post_and_changes_nothing()
    {
        var owner = await _app.SignedInAsync(Owner);
        var frank = await _app.SignedInAsync("frank@example.com"); // a member who could leave
        var id = await InviteAsync(owner, "forged-every@example.com");
        Assert.Equal(HttpStatusCode.OK, (await owner.PostAsJsonAsync($"{Api}/accounts/acme/invitations", Invite("frank@example.com"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await frank.PostAsJsonAsync($"{Api}/invitee/accept", new { secret = (await _app.MailToAsync("frank@example.com")).Secret })).StatusCode);
        var before = await SnapshotAsync(owner);

        // Enumerated from the app's endpoints, so a route added later is checked too.
        var changing = _app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith(Api + "/", StringComparison.Ordinal))
            .Where(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Any(m => !HttpMethods.IsGet(m) && !HttpMethods.IsHead(m)))
            .ToArray();
        Assert.Equal(
            ["accounts/{accountId}/email-domains", "accounts/{accountId}/invitations", "accounts/{accountId}/invitations/check", "accounts/{accountId}/invitations/host-delivered", "accounts/{accountId}/join", "accounts/{accountId}/leave", "invitations/{invitationId:guid}/resend", "invitations/{invitationId:guid}/revoke",
                "invitations/{invitationId:guid}/roles", "invitee/accept", "invitee/activate", "invitee/reject", "invitee/request-new-invitation",
                "received-invitations/{invitationId:guid}/accept", "received-invitations/{invitationId:guid}/reject"],
            changing.Select(e => e.RoutePattern.RawText![(Api.Length + 1)..]).Order(StringComparer.Ordinal));

        foreach (var endpoint in changing)
        {
            var path = RouteParameter().Replace(endpoint.RoutePattern.RawText!, m => m.Groups[1].Value switch
            {
                "accountId" => "acme",
                "invitationId" => id.ToString(),
                var other => throw new InvalidOperationException($"Give the route parameter '{other}' a value in this test."),
            });
            foreach (var client in new[] { owner, frank })
            {
                foreach (var content in new Func<HttpContent?>[]
                {
                    () => new FormUrlEncodedContent(new Dictionary<string, string> { ["secret"] = "s", ["roles"] = "OWNER" }),
                    () => new FormUrlEncodedContent([]),
                    () => new StringContent("{}", Encoding.UTF8, "text/plain"),
                    () => new ByteArrayContent([]),
                    () => null,
                })
                {
                    using var body = content();
                    var method = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Single();
                    using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = body };
                    using var response = await client.SendAsync(request);
                    Assert.True(response.StatusCode == HttpStatusCode.UnsupportedMediaType, $"{method} {path} with {body?.Headers.ContentType?.MediaType ?? "no content type"}: {response.StatusCode}");
                }
            }
        }

        Assert.Equal(before, await SnapshotAsync(owner));
    }

    /// <summary>Everything a forged request could change: every invitation of the account, the seats, the mails sent.</summary>
    private async Task<string> SnapshotAsync(HttpClient owner)
    {
        var page = await Json(await owner.GetAsync($"{Api}/accounts/acme/invitations?limit=100"));
        var invitations = page.GetProperty("items").EnumerateArray()
            .Select(i => $"{i.GetProperty("id")} {i.GetProperty("status")} {i.GetProperty("roles")} {i.GetProperty("grantsOwner")} {i.GetProperty("expiresAt")}")
            .Order(StringComparer.Ordinal);
        var seats = (await Json(await owner.GetAsync($"{Api}/accounts/acme/seats"))).GetProperty("occupied").GetInt32();
        return $"{string.Join("\n", invitations)}\nseats {seats}\nmails {_app.Mailbox.List().Count}";
    }

    private static async Task<Guid> InviteAsync(HttpClient owner, string email) =>
        (await Json(await owner.PostAsJsonAsync($"{Api}/accounts/acme/invitations", Invite(email)))).GetProperty("invitations")[0].GetProperty("id").GetGuid();

    private static object Invite(params string[] emails) =>
        new { productId = DemoAccounts.ProductId, recipients = emails.Select(e => new { email = e, roles = new[] { "EDITOR" } }).ToArray() };

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    [GeneratedRegex(@"\{(\w+)(:[^}]*)?\}")]
    private static partial Regex RouteParameter();
}
