using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using InvitationKit.Samples.Web.Data;

namespace InvitationKit.AspNetCore.Tests.Endpoints;

/// <summary>
/// Notices by mail in a real host: the web sample (EF Core and Identity on SQLite, <c>UseSmtpNoticeMailer</c>, mail over
/// SMTP to its catcher). A revoked link's holder asks for a new invitation; the inviter gets the notice mail from the
/// background dispatcher, with the account page as its only link and nothing of the link.
/// </summary>
public sealed class NoticeMailEndToEndTests
{
    private const string Api = "/api/invitationkit";

    [Fact]
    public async Task A_revoked_links_holder_asks_for_a_new_invitation_and_the_inviter_gets_the_notice_by_mail()
    {
        await using var app = new SampleApp();
        var owner = await app.SignedInAsync("olivia@acme.example");
        using var invited = await owner.PostAsJsonAsync($"{Api}/accounts/acme/invitations", new { productId = DemoAccounts.ProductId, recipients = new[] { new { email = "nina@example.com", roles = new[] { "EDITOR" } } } });
        Assert.Equal(HttpStatusCode.OK, invited.StatusCode);
        var id = JsonDocument.Parse(await invited.Content.ReadAsStringAsync()).RootElement.GetProperty("invitations")[0].GetProperty("id").GetGuid();
        var secret = (await app.MailToAsync("nina@example.com")).Secret;
        Assert.Equal(HttpStatusCode.OK, (await owner.PostAsJsonAsync($"{Api}/invitations/{id}/revoke", new { })).StatusCode);

        var anonymous = app.CreateClient();
        using var asked = await anonymous.PostAsJsonAsync($"{Api}/invitee/request-new-invitation", new { secret });
        using var probed = await anonymous.PostAsJsonAsync($"{Api}/invitee/request-new-invitation", new { secret = "not-a-link" });
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode); // on: the sample registers the notice mailer
        Assert.Equal((asked.StatusCode, await asked.Content.ReadAsStringAsync()), (probed.StatusCode, await probed.Content.ReadAsStringAsync()));

        var notice = await app.MailToAsync("olivia@acme.example", "new invitation");
        Assert.Equal("Request for a new invitation: nina@example.com to Acme Corp", notice.Subject);
        Assert.Contains("Your invitation for nina@example.com to join Acme Corp", notice.Text, StringComparison.Ordinal);
        Assert.Contains(" was revoked.", notice.Text, StringComparison.Ordinal);
        var link = Assert.Single(notice.Links);
        Assert.EndsWith("/Invitations/Accounts/acme", link, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, notice.Text + notice.Html, StringComparison.Ordinal);
        Assert.Equal(1, app.MailsTo("nina@example.com")); // the requester gets nothing but the invitation they had
    }
}
