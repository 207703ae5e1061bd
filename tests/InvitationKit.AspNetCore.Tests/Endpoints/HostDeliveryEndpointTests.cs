using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using InvitationKit.Samples.Web.Data;
using InvitationKit.Testing.Conformance;
using Microsoft.Extensions.DependencyInjection;

namespace InvitationKit.AspNetCore.Tests.Endpoints;

/// <summary>
/// Rule 24, invitations delivered by the host, through the web sample's endpoint <c>POST accounts/{id}/invitations/host-delivered</c>:
/// off by default; on, an owner gets each link once (never cached), an existing user gets no mail, a new user gets a mail
/// with the code and no link, and a replay hands out no secret; a USER_ADMIN and a stranger are refused. On each store
/// (<see cref="InMemory"/>, <see cref="Sqlite"/>, <see cref="Postgres"/>).
/// </summary>
public abstract class HostDeliveryEndpointTests(SampleApps apps) : IClassFixture<SampleApps>
{
    private const string Api = "/api/invitationkit";
    private const string Owner = "olivia@acme.example";

    /// <summary>Where the kit keeps its data in this class's samples.</summary>
    protected abstract SampleStore Store { get; }

    // The web sample with host delivery enabled.
    private Task<SampleApp> AppAsync() =>
        apps.GetAsync(Store, "host-delivery", services => services.PostConfigure<InvitationKitOptions>(o => o.AllowHostDelivery = true));

    [StoreFact]
    public async Task A_deployment_that_did_not_enable_host_delivery_refuses_it_and_mails_nothing()
    {
        var defaultApp = await apps.GetAsync(Store);
        var owner = await defaultApp.SignedInAsync(Owner);

        using var refused = await owner.PostAsJsonAsync($"{Api}/accounts/acme/invitations/host-delivered", Body("hd-off@example.com"));

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("HostDeliveryDisabled", (await Json(refused)).GetProperty("code").GetString());
        Assert.Equal(0, defaultApp.MailsTo("hd-off@example.com"));
    }

    [StoreFact]
    public async Task An_owner_gets_each_link_once_uncached_and_the_link_accepts_for_the_invited_user_only()
    {
        var app = await AppAsync();
        var owner = await app.SignedInAsync(Owner);
        var request = new HttpRequestMessage(HttpMethod.Post, $"{Api}/accounts/acme/invitations/host-delivered") { Content = JsonContent.Create(Body("bob@example.com", "hd-new@example.com")) };
        request.Headers.Add("Idempotency-Key", "hd-endpoint-1");

        using var response = await owner.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore);
        var invitations = (await Json(response)).GetProperty("invitations").EnumerateArray().ToArray();
        Assert.Equal(2, invitations.Length);
        var bobs = invitations[0].GetProperty("secret").GetString()!;
        var ninas = invitations[1].GetProperty("secret").GetString()!;
        Assert.Equal("HandedToHost", invitations[0].GetProperty("invitation").GetProperty("delivery").GetString());
        Assert.True(invitations[1].GetProperty("invitation").GetProperty("hostDelivered").GetBoolean());

        // The existing user gets no mail; the new user's mail carries the code and neither link.
        var code = await app.MailToAsync("hd-new@example.com");
        Assert.NotNull(code.OneTimePassword);
        Assert.DoesNotContain(ninas, code.Text + code.Html, StringComparison.Ordinal);
        Assert.DoesNotContain(code.Links, l => l.Contains("/Invite?", StringComparison.Ordinal));
        Assert.Equal(0, app.MailsTo("bob@example.com"));

        // The replay of the same request hands out no secret.
        var replay = new HttpRequestMessage(HttpMethod.Post, $"{Api}/accounts/acme/invitations/host-delivered") { Content = JsonContent.Create(Body("bob@example.com", "hd-new@example.com")) };
        replay.Headers.Add("Idempotency-Key", "hd-endpoint-1");
        var replayed = await Json(await owner.SendAsync(replay));
        Assert.True(replayed.GetProperty("isReplay").GetBoolean());
        Assert.All(replayed.GetProperty("invitations").EnumerateArray(), i => Assert.Equal(JsonValueKind.Null, i.GetProperty("secret").ValueKind));

        // Bound to the invited user: another signed-in user cannot accept Bob's link; Bob can.
        var eve = await app.SignedInAsync("eve@example.com");
        Assert.NotEqual(HttpStatusCode.OK, (await eve.PostAsJsonAsync($"{Api}/invitee/accept", new { secret = bobs })).StatusCode);
        var bob = await app.SignedInAsync("bob@example.com");
        Assert.Equal(HttpStatusCode.OK, (await bob.PostAsJsonAsync($"{Api}/invitee/accept", new { secret = bobs })).StatusCode);
    }

    [StoreFact]
    public async Task A_user_admin_who_may_invite_by_mail_and_a_stranger_are_refused_the_links()
    {
        var app = await AppAsync();
        var owner = await app.SignedInAsync(Owner);
        (await owner.PostAsJsonAsync($"{Api}/accounts/acme/invitations", new { productId = DemoAccounts.ProductId, recipients = new[] { new { email = "frank@example.com", roles = new[] { "USER_ADMIN" } } } })).EnsureSuccessStatusCode();
        var frank = await app.SignedInAsync("frank@example.com");
        (await frank.PostAsJsonAsync($"{Api}/invitee/accept", new { secret = (await app.MailToAsync("frank@example.com")).Secret })).EnsureSuccessStatusCode();

        using var userAdmin = await frank.PostAsJsonAsync($"{Api}/accounts/acme/invitations/host-delivered", Body("hd-ua@example.com"));
        var eve = await app.SignedInAsync("eve@example.com");
        using var stranger = await eve.PostAsJsonAsync($"{Api}/accounts/acme/invitations/host-delivered", Body("hd-ua@example.com"));

        Assert.Equal(HttpStatusCode.Forbidden, userAdmin.StatusCode);
        Assert.Equal("HostDeliveryNotAllowed", (await Json(userAdmin)).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, stranger.StatusCode);
        Assert.Equal("PermissionDenied", (await Json(stranger)).GetProperty("code").GetString());
        Assert.Equal(0, app.MailsTo("hd-ua@example.com"));
        var byMail = new { productId = DemoAccounts.ProductId, recipients = new[] { new { email = "hd-ua@example.com", roles = new[] { "USER_ADMIN" } } } };
        Assert.Equal(HttpStatusCode.OK, (await frank.PostAsJsonAsync($"{Api}/accounts/acme/invitations", byMail)).StatusCode); // by mail, as before
    }

    private static object Body(params string[] emails) =>
        new { productId = DemoAccounts.ProductId, recipients = emails.Select(email => new { email, roles = new[] { "EDITOR" } }).ToArray() };

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    /// <summary>The kit's store in memory.</summary>
    public sealed class InMemory(SampleApps apps) : HostDeliveryEndpointTests(apps)
    {
        protected override SampleStore Store => SampleStore.InMemory;
    }

    /// <summary>The sample's SQLite file.</summary>
    public sealed class Sqlite(SampleApps apps) : HostDeliveryEndpointTests(apps)
    {
        protected override SampleStore Store => SampleStore.Sqlite;
    }

    /// <summary>A PostgreSQL database.</summary>
    [StoreAvailability(typeof(PostgresAvailability))]
    public sealed class Postgres(SampleApps apps) : HostDeliveryEndpointTests(apps)
    {
        protected override SampleStore Store => SampleStore.Postgres;
    }
}
