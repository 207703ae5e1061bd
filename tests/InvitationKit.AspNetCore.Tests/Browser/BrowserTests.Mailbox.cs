using InvitationKit.Samples.Web.Mail;
using InvitationKit.Samples.Web.Pages;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MimeKit;
using static Microsoft.Playwright.Assertions;

namespace InvitationKit.AspNetCore.Tests.Browser;

/// <summary>The development mailbox in the browser: mail that came over SMTP, read and followed as a person would.</summary>
public abstract partial class BrowserTests
{
    /// <summary>
    /// Issue 20's mail, end to end: the owner invites a new user in the UI; the kit's SMTP mailer hands the mail to the
    /// sample's SMTP catcher; the invitee opens it on the Mailbox page, follows the link in it to the landing page, and
    /// activates with the code the page shows from the mail.
    /// </summary>
    [BrowserFact]
    public async Task A_new_user_invited_in_the_UI_follows_the_link_in_the_mail_and_activates_with_its_code()
    {
        await SignInAsync(Owner);
        await InviteAsync("newcomer@example.org");
        await Expect(Page.GetByTestId("notice")).ToContainTextAsync("Invited 1");
        await SignOutAsync();

        await OpenMailAsync("newcomer@example.org", screenshot: "mailbox-list");
        await Expect(MailLink("/Invite?secret=")).ToBeVisibleAsync();
        await ScreenshotAsync("mailbox-message");
        await Page.GetByTestId("mail-html").ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Screenshots, "mailbox-message-html.png") }); // a full-page shot leaves the frame blank
        await FitsAPhoneAsync("mailbox-message-phone");
        var headers = Page.GetByTestId("headers");
        await Expect(headers.Locator("tr:has(th:text-is('To'))")).ToContainTextAsync("newcomer@example.org");
        await Expect(headers).ToContainTextAsync("Message-Id");
        var code = await MailCodeAsync();

        await MailLink("/Invite?secret=").ClickAsync(); // the click in the sandboxed frame navigates the top page
        await Page.WaitForURLAsync("**/Invitations/Invite", new() { Timeout = 15_000 });
        await Expect(Page.GetByTestId("preview")).ToContainTextAsync("Acme Corp");
        await Page.Locator("#email").FillAsync("newcomer@example.org");
        await Page.Locator("#code").FillAsync(code);
        await Page.Locator("#password").FillAsync("Newcomer-pass-1");
        await Page.GetByTestId("activate").ClickAsync();
        await Expect(Page.GetByTestId("outcome")).ToContainTextAsync("you are a member of Acme Corp");
        await Expect(Page.GetByTestId("signed-in-as")).ToHaveTextAsync("newcomer@example.org");

        await Page.GotoAsync("/Mailbox");
        await FitsAPhoneAsync("mailbox-list-phone");
    }

    /// <summary>
    /// The attack: a mail is untrusted content, and anyone who can reach the SMTP catcher can send one. Its HTML carries a
    /// script, an <c>onerror</c> handler and a <c>javascript:</c> link; its text and subject carry markup. None of it runs
    /// on the Mailbox page: the HTML is in a frame without <c>allow-scripts</c> under a policy of no script, and the text
    /// and subject are shown as text.
    /// </summary>
    [BrowserFact]
    public async Task A_mail_whose_HTML_carries_script_runs_none_of_it_on_the_Mailbox_page()
    {
        const string Subject = "<b onmouseover=alert(1)>Prize</b>";
        using (var mail = new MimeMessage())
        {
            mail.From.Add(MailboxAddress.Parse("attacker@evil.example"));
            mail.To.Add(MailboxAddress.Parse("victim@example.com"));
            mail.Subject = Subject;
            mail.Body = new BodyBuilder
            {
                TextBody = "<img src=x onerror=\"document.title='text ran'\">",
                HtmlBody = """
                    <p id="probe">untouched</p>
                    <script>document.getElementById('probe').textContent = 'script ran'; top.document.title = 'script ran';</script>
                    <img src="data:image/png;base64,AAAA" onerror="document.getElementById('probe').textContent = 'onerror ran'">
                    <a id="js" href="javascript:document.getElementById('probe').textContent = 'link ran'">Claim it</a>
                    """,
            }.ToMessageBody();
            using var client = new SmtpClient();
            await client.ConnectAsync("127.0.0.1", App.Services.GetRequiredService<SmtpCatcher>().Port, SecureSocketOptions.None);
            await client.SendAsync(mail);
            await client.DisconnectAsync(quit: true);
        }

        await OpenMailAsync("victim@example.com");
        await Page.WaitForLoadStateAsync(LoadState.Load); // the frame's document, its image's error included
        var title = await Page.TitleAsync();
        var frame = Page.FrameLocator("[data-testid='mail-html']");
        await Expect(frame.Locator("#probe")).ToHaveTextAsync("untouched");
        await frame.Locator("#js").ClickAsync();
        await Expect(frame.Locator("#probe")).ToHaveTextAsync("untouched");
        Assert.Equal(title, await Page.TitleAsync());
        Assert.Contains("/Mailbox?id=", Page.Url, StringComparison.Ordinal);
        await Expect(Page.GetByTestId("mail-html")).ToHaveAttributeAsync("sandbox", MailboxModel.Sandbox);
        await Expect(Page.GetByTestId("mail-text")).ToHaveTextAsync("<img src=x onerror=\"document.title='text ran'\">");
        await Expect(Page.GetByTestId("message").Locator("h2")).ToHaveTextAsync(Subject);
        await ScreenshotAsync("mailbox-hostile-mail");
    }

    /// <summary>At a phone's width the page needs no sideways scrolling; a screenshot of it goes to the output.</summary>
    private async Task FitsAPhoneAsync(string screenshot)
    {
        var size = Page.ViewportSize;
        await Page.SetViewportSizeAsync(375, 740);
        await ScreenshotAsync(screenshot);
        var wide = await Page.EvaluateAsync<string[]>("[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth).map(e => e.tagName + '.' + e.className)");
        Assert.True(wide.Length == 0, $"{Page.Url} scrolls sideways at 375px: {string.Join(", ", wide)}");
        if (size is not null)
        {
            await Page.SetViewportSizeAsync(size.Width, size.Height);
        }
    }
}
