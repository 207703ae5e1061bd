using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using InvitationKit.Samples.Web.Data;
using InvitationKit.Testing.Conformance;
using Microsoft.Extensions.DependencyInjection;

namespace InvitationKit.AspNetCore.Tests.Endpoints;

/// <summary>
/// Rule 25 (options per invitation) through the web sample's endpoints: <c>lifetimeSeconds</c>, <c>metadata</c>,
/// <c>returnUrl</c> and <c>language</c> on <c>POST accounts/{id}/invitations</c>, shown in the views and the preview
/// (metadata only to those who manage invitations), the mail written in the invitation's language; an open redirect
/// and a lifetime out of bounds are refused with nothing sent. On each store (<see cref="InMemory"/>, <see cref="Sqlite"/>,
/// <see cref="Postgres"/>).
/// </summary>
public abstract class InvitationOptionsEndpointTests(SampleApps apps) : IClassFixture<SampleApps>
{
    private const string Api = "/api/invitationkit";
    private const string Owner = "olivia@acme.example";
    private const string Origin = "https://app.acme.example";

    /// <summary>Where the kit keeps its data in this class's sample.</summary>
    protected abstract SampleStore Store { get; }

    // The web sample allowing return URLs to its own origin.
    private Task<SampleApp> AppAsync() =>
        apps.GetAsync(Store, services: services => services.PostConfigure<InvitationKitOptions>(o => o.AllowedReturnOrigins = [Origin]));

    [StoreFact]
    public async Task The_options_travel_through_the_endpoints_and_the_mail_is_written_in_the_invitations_language()
    {
        var app = await AppAsync();
        var owner = await app.SignedInAsync(Owner);
        var body = new
        {
            productId = DemoAccounts.ProductId,
            recipients = new[] { new { email = "opt-a@example.com", roles = new[] { "VIEWER" } } },
            lifetimeSeconds = 2 * 86400,
            metadata = new Dictionary<string, string> { ["team"] = "host-only-a1" },
            returnUrl = Origin + "/welcome",
            language = "ru",
        };
        using var created = await owner.PostAsJsonAsync($"{Api}/accounts/acme/invitations", body);
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var view = (await Json(created)).GetProperty("invitations")[0];
        Assert.Equal("host-only-a1", view.GetProperty("metadata").GetProperty("team").GetString());
        Assert.Equal((Origin + "/welcome", "ru"), (view.GetProperty("returnUrl").GetString(), view.GetProperty("language").GetString()));
        var expiresAt = DateTimeOffset.Parse(view.GetProperty("expiresAt").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(2 * 86400, (expiresAt - DateTimeOffset.Parse(view.GetProperty("createdAt").GetString()!, System.Globalization.CultureInfo.InvariantCulture)).TotalSeconds);

        var mail = await app.MailToAsync("opt-a@example.com");
        Assert.Contains("Приглашение", mail.Subject, StringComparison.Ordinal);
        using var preview = new HttpRequestMessage(HttpMethod.Get, $"{Api}/invitee/preview");
        preview.Headers.Add("Invitation-Secret", mail.Secret);
        var shown = await Json(await app.CreateClient().SendAsync(preview));
        Assert.Equal((Origin + "/welcome", "ru"), (shown.GetProperty("returnUrl").GetString(), shown.GetProperty("language").GetString()));
        Assert.Equal(view.GetProperty("expiresAt").GetString(), shown.GetProperty("expiresAt").GetString());
        Assert.False(shown.TryGetProperty("metadata", out _)); // host data: not the invitee's
    }

    [StoreFact]
    public async Task An_open_redirect_oversized_metadata_or_a_lifetime_out_of_bounds_is_refused_and_nothing_is_sent()
    {
        var app = await AppAsync();
        var owner = await app.SignedInAsync(Owner);
        object[] bodies =
        [
            Body(new { returnUrl = "https://evil.example/" }),
            Body(new { returnUrl = "//evil.example/" }),
            Body(new { returnUrl = "javascript:alert(1)" }),
            Body(new { returnUrl = Origin + "@evil.example/" }),
            Body(new { metadata = Enumerable.Range(0, 17).ToDictionary(i => $"k{i}", i => "v") }),
            Body(new { metadata = new Dictionary<string, string> { ["team"] = new string('v', 513) } }),
            Body(new { lifetimeSeconds = 60 }),
            Body(new { lifetimeSeconds = long.MaxValue }),
            Body(new { language = "en_US<script>" }),
        ];
        string[] codes = ["ReturnUrlNotAllowed", "ReturnUrlNotAllowed", "ReturnUrlNotAllowed", "ReturnUrlNotAllowed", "InvalidMetadata", "InvalidMetadata", "LifetimeOutOfBounds", "LifetimeOutOfBounds", "LanguageNotSupported"];
        for (var i = 0; i < bodies.Length; i++)
        {
            foreach (var path in new[] { "invitations/check", "invitations" })
            {
                using var refused = await owner.PostAsJsonAsync($"{Api}/accounts/acme/{path}", bodies[i]);
                Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
                var problem = await Json(refused);
                Assert.Equal(codes[i], (problem.TryGetProperty("errors", out var errors) ? errors[0] : problem).GetProperty("code").GetString());
            }
        }

        Assert.DoesNotContain(app.Mailbox.List(), m => m.To == "opt-b@example.com");
    }

    private static JsonElement Body(object options)
    {
        var body = JsonSerializer.SerializeToNode(new { productId = DemoAccounts.ProductId, recipients = new[] { new { email = "opt-b@example.com", roles = new[] { "VIEWER" } } } })!.AsObject();
        foreach (var (name, value) in JsonSerializer.SerializeToNode(options)!.AsObject())
        {
            body[name] = value?.DeepClone();
        }

        return JsonSerializer.SerializeToElement(body);
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    /// <summary>The kit's store in memory.</summary>
    public sealed class InMemory(SampleApps apps) : InvitationOptionsEndpointTests(apps)
    {
        protected override SampleStore Store => SampleStore.InMemory;
    }

    /// <summary>The sample's SQLite file.</summary>
    public sealed class Sqlite(SampleApps apps) : InvitationOptionsEndpointTests(apps)
    {
        protected override SampleStore Store => SampleStore.Sqlite;
    }

    /// <summary>A PostgreSQL database.</summary>
    [StoreAvailability(typeof(PostgresAvailability))]
    public sealed class Postgres(SampleApps apps) : InvitationOptionsEndpointTests(apps)
    {
        protected override SampleStore Store => SampleStore.Postgres;
    }
}
