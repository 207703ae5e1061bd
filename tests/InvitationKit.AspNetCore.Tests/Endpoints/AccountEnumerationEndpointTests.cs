using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using InvitationKit.Samples.Web.Data;

namespace InvitationKit.AspNetCore.Tests.Endpoints;

/// <summary>
/// Issue 24, finding 3, through the endpoints of the web sample: a signed-in stranger gets the same answer for an
/// existing account and an unknown one, from every route that takes an account id.
/// </summary>
public sealed class AccountEnumerationEndpointTests : IClassFixture<SampleApp>
{
    private const string Api = "/api/invitationkit";
    private readonly SampleApp _app;

    public AccountEnumerationEndpointTests(SampleApp app) => _app = app;

    [Fact]
    public async Task Enumerating_account_ids_gets_the_same_answer_for_an_existing_and_an_unknown_account()
    {
        var eve = await _app.SignedInAsync("eve@example.com"); // registered, member of no account
        var invite = new { productId = DemoAccounts.ProductId, recipients = new[] { new { email = "x@example.com", roles = new[] { "EDITOR" } } } };
        var routes = new (string Name, Func<string, Task<HttpResponseMessage>> Send, HttpStatusCode Status)[]
        {
            ("seats", id => eve.GetAsync($"{Api}/accounts/{id}/seats"), HttpStatusCode.Forbidden),
            ("list", id => eve.GetAsync($"{Api}/accounts/{id}/invitations?status=Pending"), HttpStatusCode.Forbidden),
            ("invite", id => eve.PostAsJsonAsync($"{Api}/accounts/{id}/invitations", invite), HttpStatusCode.Forbidden),
            ("leave", id => eve.PostAsJsonAsync($"{Api}/accounts/{id}/leave", new { }), HttpStatusCode.NotFound),
            ("email domains", id => eve.GetAsync($"{Api}/accounts/{id}/email-domains"), HttpStatusCode.Forbidden),
            ("set email domains", id => eve.PutAsJsonAsync($"{Api}/accounts/{id}/email-domains", new { domains = new[] { new { domain = "evil.example", kind = "Allowed" } } }), HttpStatusCode.Forbidden),
            ("join", id => eve.PostAsJsonAsync($"{Api}/accounts/{id}/join", new { productId = DemoAccounts.ProductId }), HttpStatusCode.Forbidden),
        };

        foreach (var (name, send, status) in routes)
        {
            var (existingStatus, existing) = await AnswerAsync(await send("acme"));
            var (unknownStatus, unknown) = await AnswerAsync(await send("no-such-account"));
            Assert.Equal(status, existingStatus);
            Assert.Equal(existingStatus, unknownStatus);
            Assert.True(existing == unknown, $"{name}: {existing} differs from {unknown}");
        }
    }

    /// <summary>The status and the problem details, without the trace id that differs per request.</summary>
    private static async Task<(HttpStatusCode Status, string Body)> AnswerAsync(HttpResponseMessage response)
    {
        using (response)
        {
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
            body.Remove("traceId");
            return (response.StatusCode, body.ToJsonString());
        }
    }
}
