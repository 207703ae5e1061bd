using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using InvitationKit.Samples.Web.Data;
using InvitationKit.Testing.Conformance;

namespace InvitationKit.AspNetCore.Tests.Endpoints;

/// <summary>
/// Issue 21, the invitee's inbox through the web sample's endpoints (a sample of its own): <c>GET received-invitations</c>,
/// <c>POST received-invitations/{id}/accept</c> and <c>POST received-invitations/{id}/reject</c>, each for the signed-in
/// user's own invitations only; on each store (<see cref="InMemory"/>, <see cref="Sqlite"/>, <see cref="Postgres"/>).
/// </summary>
public abstract class ReceivedInvitationEndpointTests(SampleApps apps) : IClassFixture<SampleApps>
{
    private const string Api = "/api/invitationkit";
    private const string Owner = "olivia@acme.example";

    /// <summary>Where the kit keeps its data in this class's sample.</summary>
    protected abstract SampleStore Store { get; }

    [StoreFact]
    public async Task A_signed_in_user_lists_accepts_and_declines_their_own_invitations_and_nobody_elses()
    {
        var app = await apps.GetAsync(Store);
        var owner = await app.SignedInAsync(Owner);
        var invited = await Json(await owner.PostAsJsonAsync($"{Api}/accounts/acme/invitations", new { productId = DemoAccounts.ProductId, recipients = new[] { new { email = "frank@example.com", roles = new[] { "EDITOR" } } }, language = "ru" }));
        var id = invited.GetProperty("invitations")[0].GetProperty("id").GetGuid();

        var frank = await app.SignedInAsync("frank@example.com");
        var received = Assert.Single((await Json(await frank.GetAsync($"{Api}/received-invitations"))).EnumerateArray());
        Assert.Equal(id, received.GetProperty("id").GetGuid());
        Assert.Equal("Acme Corp", received.GetProperty("preview").GetProperty("accountName").GetString());
        Assert.Equal(["EDITOR"], received.GetProperty("preview").GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("ru", received.GetProperty("preview").GetProperty("language").GetString()); // the preview's options (rule 25)
        Assert.Equal(JsonValueKind.Null, received.GetProperty("preview").GetProperty("returnUrl").ValueKind);
        Assert.False(received.GetProperty("preview").TryGetProperty("metadata", out _));

        // Another signed-in user sees none of it, and gets "not found" for its id as for an id that does not exist.
        var bob = await app.SignedInAsync("bob@example.com");
        Assert.Empty((await Json(await bob.GetAsync($"{Api}/received-invitations"))).EnumerateArray());
        foreach (var probe in new[] { id, Guid.NewGuid() })
        {
            foreach (var action in new[] { "accept", "reject" })
            {
                using var refused = await bob.PostAsJsonAsync($"{Api}/received-invitations/{probe}/{action}", new { });
                Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
                Assert.Equal("InvitationNotFound", (await Json(refused)).GetProperty("code").GetString());
            }
        }

        using var accepted = await frank.PostAsJsonAsync($"{Api}/received-invitations/{id}/accept", new { });
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal("acme", (await Json(accepted)).GetProperty("accountId").GetString());
        Assert.Empty((await Json(await frank.GetAsync($"{Api}/received-invitations"))).EnumerateArray());

        var second = (await Json(await owner.PostAsJsonAsync($"{Api}/accounts/acme/invitations", Invite("bob@example.com")))).GetProperty("invitations")[0].GetProperty("id").GetGuid();
        using var declined = await bob.PostAsJsonAsync($"{Api}/received-invitations/{second}/reject", new { });
        Assert.Equal(HttpStatusCode.OK, declined.StatusCode);
        Assert.Equal("Rejected", (await Json(declined)).GetProperty("status").GetString());

        var anonymous = app.CreateClient(new() { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"{Api}/received-invitations")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync($"{Api}/received-invitations/{id}/accept", new { })).StatusCode);
    }

    private static object Invite(params string[] emails) =>
        new { productId = DemoAccounts.ProductId, recipients = emails.Select(e => new { email = e, roles = new[] { "EDITOR" } }).ToArray() };

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    /// <summary>The kit's store in memory.</summary>
    public sealed class InMemory(SampleApps apps) : ReceivedInvitationEndpointTests(apps)
    {
        protected override SampleStore Store => SampleStore.InMemory;
    }

    /// <summary>The sample's SQLite file.</summary>
    public sealed class Sqlite(SampleApps apps) : ReceivedInvitationEndpointTests(apps)
    {
        protected override SampleStore Store => SampleStore.Sqlite;
    }

    /// <summary>A PostgreSQL database.</summary>
    [StoreAvailability(typeof(PostgresAvailability))]
    public sealed class Postgres(SampleApps apps) : ReceivedInvitationEndpointTests(apps)
    {
        protected override SampleStore Store => SampleStore.Postgres;
    }
}
