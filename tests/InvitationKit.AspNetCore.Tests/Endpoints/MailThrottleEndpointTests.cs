using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using InvitationKit.Samples.Web.Data;

namespace InvitationKit.AspNetCore.Tests.Endpoints;

/// <summary>
/// Issue 24, finding 11, through the web sample's endpoints (a sample of its own, so its mailbox is its own): an owner
/// looping invite and revoke over HTTP mails a stranger no more than the recipient limit; the rest is deferred.
/// </summary>
public sealed class MailThrottleEndpointTests : IClassFixture<SampleApp>
{
    private const string Api = "/api/invitationkit";
    private const string Stranger = "stranger@victim.example";
    private readonly SampleApp _app;

    public MailThrottleEndpointTests(SampleApp app) => _app = app;

    [Fact]
    public async Task Looping_invite_and_revoke_over_http_mails_a_stranger_no_more_than_the_recipient_limit()
    {
        var owner = await _app.SignedInAsync("olivia@acme.example");
        var deliveries = new List<string?>();
        for (var i = 0; i < 12; i++)
        {
            using var invited = await owner.PostAsJsonAsync($"{Api}/accounts/acme/invitations", new { productId = DemoAccounts.ProductId, recipients = new[] { new { email = Stranger, roles = new[] { "EDITOR" } } } });
            Assert.Equal(HttpStatusCode.OK, invited.StatusCode);
            var invitation = (await Json(invited)).GetProperty("invitations")[0];
            deliveries.Add(invitation.GetProperty("delivery").GetString());
            using var revoked = await owner.PostAsJsonAsync($"{Api}/invitations/{invitation.GetProperty("id").GetGuid()}/revoke", new { });
            Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        }

        // The admin sees the mails over the limit as not yet delivered, as any slow delivery; none failed.
        Assert.Equal([.. Enumerable.Repeat("Sent", 5), .. Enumerable.Repeat("NotSent", 7)], deliveries);
        Assert.Equal(5, _app.MailsTo(Stranger));
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
}
