using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using InvitationKit.Samples.Web.Data;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace InvitationKit.AspNetCore.Tests.Endpoints;

/// <summary>
/// Rule 5 (re-inviting) through the web sample's endpoints: <c>whenPending</c> on <c>POST accounts/{id}/invitations</c> and on its
/// dry run <c>…/invitations/check</c> — refuse (the default), resend or replace an address's pending invitation.
/// </summary>
public sealed class ReinviteEndpointTests : IClassFixture<ReinviteEndpointTests.NoCooldownApp>
{
    private const string Api = "/api/invitationkit";
    private const string Owner = "olivia@acme.example";
    private readonly NoCooldownApp _app;

    public ReinviteEndpointTests(NoCooldownApp app) => _app = app;

    [Fact]
    public async Task Replace_through_the_endpoint_gives_the_new_roles_a_fresh_mail_and_no_second_seat()
    {
        var owner = await _app.SignedInAsync(Owner);
        var first = await Json(await owner.PostAsJsonAsync($"{Api}/accounts/acme/invitations", Body("re-a@example.com", "VIEWER", whenPending: null)));
        var id = first.GetProperty("invitations")[0].GetProperty("id").GetString();
        var occupied = await OccupiedAsync(owner);

        // Without a choice the address is refused as before; the dry run says what each choice would do.
        using var refused = await owner.PostAsJsonAsync($"{Api}/accounts/acme/invitations", Body("re-a@example.com", "EDITOR", whenPending: null));
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("AlreadyInvited", (await Json(refused)).GetProperty("errors")[0].GetProperty("code").GetString());
        var check = await Json(await owner.PostAsJsonAsync($"{Api}/accounts/acme/invitations/check", Body("re-a@example.com", "EDITOR", "replace")));
        Assert.True(check.GetProperty("canInvite").GetBoolean());
        Assert.Equal(0, check.GetProperty("seats").GetProperty("requested").GetInt32());
        Assert.Equal("re-a@example.com", Assert.Single(check.GetProperty("reissued").EnumerateArray()).GetString());

        using var replaced = await owner.PostAsJsonAsync($"{Api}/accounts/acme/invitations", Body("re-a@example.com", "EDITOR", "replace"));

        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        var outcome = await Json(replaced);
        var invitation = outcome.GetProperty("invitations")[0];
        Assert.Equal(id, invitation.GetProperty("id").GetString());
        Assert.Equal(["EDITOR"], invitation.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(["Replaced"], outcome.GetProperty("dispositions").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal(occupied, await OccupiedAsync(owner));
        Assert.Equal(2, _app.Mailbox.List().Count(m => m.To == "re-a@example.com"));

        using var resent = await owner.PostAsJsonAsync($"{Api}/accounts/acme/invitations", Body("re-a@example.com", "VIEWER", "Resend"));
        Assert.Equal(["Resent"], (await Json(resent)).GetProperty("dispositions").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal(occupied, await OccupiedAsync(owner));
    }

    [Fact]
    public async Task A_stranger_cannot_resend_or_replace_an_accounts_invitation_through_the_endpoint()
    {
        var owner = await _app.SignedInAsync(Owner);
        (await owner.PostAsJsonAsync($"{Api}/accounts/acme/invitations", Body("re-b@example.com", "VIEWER", whenPending: null))).EnsureSuccessStatusCode();
        var mails = _app.Mailbox.List().Count(m => m.To == "re-b@example.com");

        var eve = await _app.SignedInAsync("eve@example.com");
        foreach (var choice in new[] { "resend", "replace" })
        {
            using var invite = await eve.PostAsJsonAsync($"{Api}/accounts/acme/invitations", Body("re-b@example.com", "EDITOR", choice));
            Assert.Equal(HttpStatusCode.Forbidden, invite.StatusCode);
            using var check = await eve.PostAsJsonAsync($"{Api}/accounts/acme/invitations/check", Body("re-b@example.com", "EDITOR", choice));
            Assert.Equal(HttpStatusCode.Forbidden, check.StatusCode);
        }

        Assert.Equal(mails, _app.Mailbox.List().Count(m => m.To == "re-b@example.com"));
    }

    [Fact]
    public async Task An_unknown_whenPending_is_a_bad_request_and_invites_nobody()
    {
        var owner = await _app.SignedInAsync(Owner);
        using var named = await owner.PostAsJsonAsync($"{Api}/accounts/acme/invitations", Body("re-c@example.com", "VIEWER", "overwrite"));
        Assert.Equal(HttpStatusCode.BadRequest, named.StatusCode);
        using var numbered = await owner.PostAsJsonAsync($"{Api}/accounts/acme/invitations", Body("re-c@example.com", "VIEWER", 7));
        Assert.Equal(HttpStatusCode.BadRequest, numbered.StatusCode);
        Assert.Equal("InvalidInput", (await Json(numbered)).GetProperty("code").GetString());
        Assert.DoesNotContain(_app.Mailbox.List(), m => m.To == "re-c@example.com");
    }

    private static object Body(string email, string role, object? whenPending) => whenPending is null
        ? new { productId = DemoAccounts.ProductId, recipients = new[] { new { email, roles = new[] { role } } } }
        : new { productId = DemoAccounts.ProductId, recipients = new[] { new { email, roles = new[] { role } } }, whenPending };

    private static async Task<int> OccupiedAsync(HttpClient owner) =>
        (await Json(await owner.GetAsync($"{Api}/accounts/acme/seats"))).GetProperty("occupied").GetInt32();

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    /// <summary>The web sample with no resend cooldown, so a test may reissue at once.</summary>
    public sealed class NoCooldownApp : SampleApp
    {
        public NoCooldownApp() =>
            TestServices = services => services.PostConfigure<InvitationKitOptions>(o => o.ResendCooldown = Duration.Zero);
    }
}
