using System.Net;
using InvitationKit.AspNetCore.Tests.Endpoints;

namespace InvitationKit.AspNetCore.Tests.UI;

/// <summary>
/// The package's pages over HTTP, in the web sample: a host's file at the package's path wins (the sample's
/// <c>_ViewStart</c> gives every page its frame), every page sends <c>Referrer-Policy: no-referrer</c> whatever its layout,
/// and no POST of any page is taken without its anti-forgery token.
/// </summary>
public sealed class UIPageTests
{
    private static readonly string[] Pages = ["/Invitations/Accounts/acme", "/Invitations/Invite", "/Invitations/Activate", "/Invitations/Received"];

    [Fact]
    public async Task A_hosts_file_at_the_packages_path_wins_and_every_page_sends_no_referrer()
    {
        await using var app = new SampleApp();
        using var client = await app.SignedInAsync("olivia@acme.example");
        foreach (var page in Pages)
        {
            using var response = await client.GetAsync(page);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
            var html = await response.Content.ReadAsStringAsync();
            Assert.Contains("· InvitationKit sample</title>", html, StringComparison.Ordinal); // the sample's layout, not the package's
            Assert.DoesNotContain("class=\"ik-bar\"", html, StringComparison.Ordinal);
        }
    }

    /// <summary>The control of the test below: the same invite, posted with the form's token, is taken.</summary>
    [Fact]
    public async Task The_invite_posted_with_its_antiforgery_token_is_taken()
    {
        await using var app = new SampleApp();
        using var client = await app.SignedInAsync("olivia@acme.example");
        var form = await client.GetStringAsync("/Invitations/Accounts/acme");
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        using var content = new StringContent($"Invite.Emails=eve%40example.com&Invite.Product=cloud&__RequestVerificationToken={Uri.EscapeDataString(token)}", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded");
        using var response = await client.PostAsync("/Invitations/Accounts/acme?handler=Invite", content);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await app.MailToAsync("eve@example.com");
    }

    [Theory]
    [InlineData("/Invitations/Accounts/acme?handler=Invite", "Invite.Emails=eve%40example.com&Invite.Product=cloud")]
    [InlineData("/Invitations/Accounts/acme?handler=RemoveMember&userId=x", "")]
    [InlineData("/Invitations/Invite?handler=Accept", "")]
    [InlineData("/Invitations/Invite?handler=Decline", "")]
    [InlineData("/Invitations/Invite?handler=RequestNew", "")]
    [InlineData("/Invitations/Activate", "email=nina%40example.com&code=123456&password=Nina-pass-1")]
    [InlineData("/Invitations/Received?handler=Accept&id=00000000-0000-0000-0000-000000000001", "")]
    public async Task A_post_without_its_antiforgery_token_is_refused(string path, string form)
    {
        await using var app = new SampleApp();
        using var client = await app.SignedInAsync("olivia@acme.example");
        using var content = new StringContent(form, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded");
        using var response = await client.PostAsync(path, content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, app.MailsTo("eve@example.com"));
    }
}
