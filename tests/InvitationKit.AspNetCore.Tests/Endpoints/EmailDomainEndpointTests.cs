using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using InvitationKit.Ports;
using InvitationKit.Samples.Web.Data;
using Microsoft.Extensions.DependencyInjection;

namespace InvitationKit.AspNetCore.Tests.Endpoints;

/// <summary>
/// Issue 22, the email domain policy through the web sample's endpoints (a sample of its own, so its seats and policy are
/// its own): <c>GET|PUT accounts/{accountId}/email-domains</c>, <c>GET joinable-accounts</c> and <c>POST accounts/{accountId}/join</c>.
/// </summary>
public sealed class EmailDomainEndpointTests : IClassFixture<SampleApp>
{
    private const string Api = "/api/invitationkit";
    private const string Owner = "olivia@acme.example";
    private const string Domains = $"{Api}/accounts/acme/email-domains";
    private readonly SampleApp _app;

    public EmailDomainEndpointTests(SampleApp app) => _app = app;

    [Fact]
    public async Task An_owner_sets_an_allow_list_that_refuses_other_domains_and_cannot_claim_a_domain_verified()
    {
        var owner = await _app.SignedInAsync(Owner);
        using var set = await owner.PutAsJsonAsync(Domains, new { domains = new[] { new { domain = "Bücher.Example", kind = "Allowed" }, new { domain = "ACME.example", kind = "Allowed" } } });
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        var read = await Json(await owner.GetAsync(Domains));
        Assert.Equal(["acme.example", "xn--bcher-kva.example"], read.GetProperty("domains").EnumerateArray().Select(d => d.GetProperty("domain").GetString()));
        Assert.Equal("Allowed", read.GetProperty("domains")[0].GetProperty("kind").GetString());

        using var invite = await owner.PostAsJsonAsync($"{Api}/accounts/acme/invitations",
            new { productId = DemoAccounts.ProductId, recipients = new[] { new { email = "x@gmail.com", roles = new[] { "EDITOR" } } } });
        Assert.Equal(HttpStatusCode.Conflict, invite.StatusCode);
        Assert.Equal("EmailDomainNotAllowed", (await Json(invite)).GetProperty("code").GetString());

        using var claim = await owner.PutAsJsonAsync(Domains, new { domains = new[] { new { domain = "gmail.com", kind = "Verified" } } });
        Assert.Equal(HttpStatusCode.Forbidden, claim.StatusCode);
        using var malformed = await owner.PutAsJsonAsync(Domains, new { domains = new[] { new { domain = "not a domain", kind = "Allowed" } } });
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("InvalidInput", (await Json(malformed)).GetProperty("code").GetString());
        Assert.Equal(2, (await Json(await owner.GetAsync(Domains))).GetProperty("domains").GetArrayLength());

        using var cleared = await owner.PutAsJsonAsync(Domains, new { domains = Array.Empty<object>() });
        Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
    }

    [Fact]
    public async Task A_signed_in_user_of_a_verified_domain_lists_and_joins_the_account()
    {
        using (var scope = _app.Services.CreateScope())
        {
            var kit = scope.ServiceProvider.GetRequiredService<IInvitationManager>();
            Assert.True((await kit.SetEmailDomainsAsync(Actor.Admin("platform-admin"), "acme", [new("example.com", EmailDomainKind.Verified)])).Succeeded);
        }

        var eve = await _app.SignedInAsync("eve@example.com"); // registered with a confirmed address, member of no account
        var joinable = await Json(await eve.GetAsync($"{Api}/joinable-accounts"));
        Assert.Equal("acme", Assert.Single(joinable.EnumerateArray()).GetProperty("accountId").GetString());

        using var join = await eve.PostAsJsonAsync($"{Api}/accounts/acme/join", new { productId = DemoAccounts.ProductId });
        Assert.Equal(HttpStatusCode.OK, join.StatusCode);
        Assert.False((await Json(join)).GetProperty("isOwner").GetBoolean());
        Assert.Empty((await Json(await eve.GetAsync($"{Api}/joinable-accounts"))).EnumerateArray());

        using var elsewhere = await eve.PostAsJsonAsync($"{Api}/accounts/globex/join", new { productId = DemoAccounts.ProductId });
        Assert.Equal(HttpStatusCode.Forbidden, elsewhere.StatusCode);
        Assert.Equal("NotJoinable", (await Json(elsewhere)).GetProperty("code").GetString());

        var anonymous = _app.CreateClient(new() { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"{Api}/joinable-accounts")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync($"{Api}/accounts/acme/join", new { productId = DemoAccounts.ProductId })).StatusCode);
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
}
