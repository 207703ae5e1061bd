using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using InvitationKit.Samples.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace InvitationKit.AspNetCore.Tests.Endpoints;

/// <summary>
/// Issue 20, finding 2, over HTTP in the web sample (ASP.NET Core Identity on SQLite): invited users never block the
/// host's sign-up. Each test has an app and a database of its own.
/// </summary>
public sealed partial class SignUpTests
{
    private const string Api = "/api/invitationkit";
    private const string Owner = "olivia@acme.example";

    /// <summary>
    /// The attack: the owner of a tenant invites a stranger's address and revokes the invitation. The stranger then signs
    /// up as Identity's own template does it (<c>UserManager.CreateAsync</c>, nothing of the kit), and through the sample's
    /// sign-up page: before the fix both answered "Email '…' is already taken".
    /// </summary>
    [Fact]
    public async Task An_owner_who_invites_and_revokes_a_stranger_through_the_endpoints_does_not_block_their_sign_up()
    {
        await using var app = new SampleApp();
        var owner = await app.SignedInAsync(Owner);
        foreach (var stranger in new[] { "stranger@example.net", "another@example.net" })
        {
            var invited = await Json(await owner.PostAsJsonAsync($"{Api}/accounts/acme/invitations", Invite(stranger)));
            var id = invited.GetProperty("invitations")[0].GetProperty("id").GetGuid();
            Assert.Equal(HttpStatusCode.OK, (await owner.PostAsJsonAsync($"{Api}/invitations/{id}/revoke", new { })).StatusCode);
        }

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            var created = await users.CreateAsync(new IdentityUser { UserName = "stranger@example.net", Email = "stranger@example.net" }, "Stranger-pass-1");
            Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(e => e.Description)));
        }

        var anonymous = app.CreateClient(new() { AllowAutoRedirect = false });
        var page = await PostFormAsync(anonymous, "/SignUp", new() { ["email"] = "another@example.net", ["password"] = "Another-pass-1" });
        Assert.Contains("we sent a confirmation link", page, StringComparison.Ordinal);
    }

    /// <summary>
    /// The remedy <see cref="InvitationErrorCode.OtpLockedOut"/> gives, followed to the end: the code is locked out for good
    /// (told to the invitation's page, whose link's secret comes with the code), the person signs up through the sample's page with the invited address (its pending user is in the way no more),
    /// confirms the email from the mailbox, which claims the invitation, signs in with the password and accepts it.
    /// </summary>
    [Fact]
    public async Task The_OtpLockedOut_remedy_works_sign_up_confirm_sign_in_and_accept()
    {
        await using var app = new SampleApp { TestServices = s => s.PostConfigure<InvitationKitOptions>(o => (o.MaxOtpAttempts, o.MaxOtpFailuresPerAddress) = (3, 3)) };
        var owner = await app.SignedInAsync(Owner);
        var id = (await Json(await owner.PostAsJsonAsync($"{Api}/accounts/acme/invitations", Invite("nina@example.com")))).GetProperty("invitations")[0].GetProperty("id").GetGuid();
        var anonymous = app.CreateClient(new() { AllowAutoRedirect = false });
        var mail = await app.MailToAsync("nina@example.com");
        for (var i = 0; i < 3; i++)
        {
            var wrong = mail.OneTimePassword == $"00000{i}" ? "999999" : $"00000{i}";
            Assert.Equal("OtpInvalid", (await Json(await anonymous.PostAsJsonAsync($"{Api}/invitee/activate", new { email = "nina@example.com", oneTimePassword = wrong, password = "Nina-pass-1", secret = mail.Secret }))).GetProperty("code").GetString());
        }

        var locked = (await Json(await anonymous.PostAsJsonAsync($"{Api}/invitee/activate", new { email = "nina@example.com", oneTimePassword = mail.OneTimePassword, password = "Nina-pass-1", secret = mail.Secret }))).GetProperty("errors")[0];
        Assert.Equal("OtpLockedOut", locked.GetProperty("code").GetString());
        Assert.Contains(locked.GetProperty("remedies").EnumerateArray(), r => r.GetString()!.Contains("sign-up page", StringComparison.Ordinal));

        // The remedy: the sign-up page, the confirmation link from the mailbox, the sign-in form, the invitation link.
        Assert.Contains("we sent a confirmation link", await PostFormAsync(anonymous, "/SignUp", new() { ["email"] = "nina@example.com", ["password"] = "Nina-pass-1" }), StringComparison.Ordinal);
        var confirmation = (await app.MailToAsync("nina@example.com", "Confirm")).Links.Single();
        var confirmed = await PostFormAsync(anonymous, new Uri(confirmation).PathAndQuery, []);
        Assert.Contains("1 invitation(s) wait for you", confirmed, StringComparison.Ordinal);
        var nina = await app.SignedInWithPasswordAsync("nina@example.com", "Nina-pass-1");

        var member = await Json(await nina.PostAsJsonAsync($"{Api}/invitee/accept", new { secret = mail.Secret }));
        Assert.Equal("acme", member.GetProperty("accountId").GetString());
        var invitation = await Json(await owner.GetAsync($"{Api}/invitations/{id}"));
        Assert.Equal(("Accepted", "ExistingUser"), (invitation.GetProperty("status").GetString(), invitation.GetProperty("kind").GetString()));
    }

    /// <summary>Signing up with an address that belongs to a registered user stays refused, in Identity's own words.</summary>
    [Fact]
    public async Task Signing_up_with_a_registered_users_address_is_still_refused()
    {
        await using var app = new SampleApp();
        var anonymous = app.CreateClient(new() { AllowAutoRedirect = false });
        var page = await PostFormAsync(anonymous, "/SignUp", new() { ["email"] = "bob@example.com", ["password"] = "Bobs-other-pass-1" });
        Assert.Contains("is already taken", page, StringComparison.Ordinal);
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        Assert.True(await users.CheckPasswordAsync((await users.FindByEmailAsync("bob@example.com"))!, DemoData.Password));
    }

    /// <summary>
    /// The attack: someone signs up with a victim's address and a forged <c>Host</c> header. Were the confirmation link
    /// built from the request, the victim's mail would carry the attacker's host, and the victim's click would hand the
    /// attacker the token that confirms the attacker's account under the victim's address (and claims the invitations
    /// waiting for it). The link is built from the configured base URL, whatever the request says.
    /// </summary>
    [Fact]
    public async Task A_sign_up_with_a_forged_Host_header_mails_a_confirmation_link_to_the_app_not_to_the_forged_host()
    {
        await using var app = new SampleApp();
        var attacker = app.CreateClient(new() { AllowAutoRedirect = false });
        attacker.DefaultRequestHeaders.Host = "attacker.example";
        Assert.Contains("we sent a confirmation link", await PostFormAsync(attacker, "/SignUp", new() { ["email"] = "victim@example.com", ["password"] = "Attacker-pass-1" }), StringComparison.Ordinal);
        var link = (await app.MailToAsync("victim@example.com", "Confirm")).Links.Single();
        Assert.StartsWith("http://localhost:5080/ConfirmEmail?", link, StringComparison.Ordinal);
    }

    /// <summary>Posts a Razor Pages form with the antiforgery token of its page; returns the page it answers with.</summary>
    private static async Task<string> PostFormAsync(HttpClient client, string path, Dictionary<string, string> fields)
    {
        var form = await client.GetStringAsync(path);
        fields["__RequestVerificationToken"] = WebUtility.HtmlDecode(AntiforgeryToken().Match(form).Groups[1].Value);
        using var content = new FormUrlEncodedContent(fields);
        using var response = await client.PostAsync(path, content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    private static object Invite(string email) =>
        new { productId = DemoAccounts.ProductId, recipients = new[] { new { email, roles = new[] { "EDITOR" } } } };

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
}
