using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using InvitationKit.Ports;
using InvitationKit.Samples.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace InvitationKit.AspNetCore.Tests.Endpoints;

/// <summary>
/// Issue 24, finding 1, through <c>POST invitee/accept</c> in the web sample (a sample of its own, since it locks a demo
/// user out): Identity keeps a locked-out user's cookie, and the kit refuses the acceptance all the same.
/// </summary>
public sealed class BannedUserEndpointTests : IClassFixture<SampleApp>
{
    private const string Api = "/api/invitationkit";
    private readonly SampleApp _app;

    public BannedUserEndpointTests(SampleApp app) => _app = app;

    [Fact]
    public async Task A_locked_out_user_with_a_live_cookie_cannot_accept_an_invitation()
    {
        var owner = await _app.SignedInAsync("olivia@acme.example");
        var invite = new { productId = DemoAccounts.ProductId, recipients = new[] { new { email = "frank@example.com", roles = new[] { "EDITOR" } } } };
        Assert.Equal(HttpStatusCode.OK, (await owner.PostAsJsonAsync($"{Api}/accounts/acme/invitations", invite)).StatusCode);
        var frank = await _app.SignedInAsync("frank@example.com"); // the session the ban does not end

        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            var user = await users.FindByEmailAsync("frank@example.com") ?? throw new InvalidOperationException("No demo user Frank.");
            Assert.True((await users.SetLockoutEnabledAsync(user, true)).Succeeded);
            Assert.True((await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue)).Succeeded);

            // The Identity adapter reports a locked-out user as disabled.
            var found = await scope.ServiceProvider.GetRequiredService<IUserDirectory>().FindByEmailAsync(EmailAddress.Parse("frank@example.com"), default);
            Assert.Equal(UserState.Disabled, found?.State);
        }

        var secret = (await _app.MailToAsync("frank@example.com")).Secret;
        using var refused = await frank.PostAsJsonAsync($"{Api}/invitee/accept", new { secret });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("UserDisabled", problem.GetProperty("code").GetString());
        Assert.EndsWith("docs/errors.md#userdisabled", problem.GetProperty("type").GetString());

        // Nothing changed: the invitation is still pending and Frank holds no seat.
        var pending = JsonDocument.Parse(await owner.GetStringAsync($"{Api}/accounts/acme/invitations?status=Pending")).RootElement;
        Assert.Contains(pending.GetProperty("items").EnumerateArray(), i => i.GetProperty("email").GetString() == "frank@example.com");
        var seats = JsonDocument.Parse(await owner.GetStringAsync($"{Api}/accounts/acme/seats")).RootElement;
        Assert.Equal(2, seats.GetProperty("occupied").GetInt32()); // Olivia and Frank's pending invitation
    }
}
