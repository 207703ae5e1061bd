using static Microsoft.Playwright.Assertions;

namespace InvitationKit.AspNetCore.Tests.Browser;

/// <summary>
/// Issue 26, clicked through: a stranger spends the invitee's address on the bare activation page with wrong codes; the
/// invitee opens the invitation from her mail and activates on its page, which carries the link's secret in the form.
/// </summary>
public abstract partial class BrowserTests
{
    [BrowserFact]
    public async Task A_stranger_spraying_wrong_codes_cannot_stop_a_new_user_activating_from_the_invitation_page()
    {
        await SignInAsync(Owner);
        await InviteAsync("nina@example.com");
        await SignOutAsync();

        await OpenMailAsync("nina@example.com");
        var code = await MailCodeAsync();
        var landing = await MailLink("/Invite?secret=").GetAttributeAsync("href");
        for (var i = 0; i < 12; i++)
        {
            await Page.GotoAsync("/Invitations/Activate?email=nina%40example.com");
            await Page.Locator("#code").FillAsync(code == $"{i:D6}" ? "999999" : $"{i:D6}");
            await Page.Locator("#password").FillAsync("Stranger-pass-1");
            await Page.GetByTestId("activate").ClickAsync();
            await Expect(Page.GetByTestId("problems")).ToBeVisibleAsync();
        }

        await Page.GotoAsync(landing!);
        var form = Page.GetByTestId("activate-form");
        await form.Locator("#email").FillAsync("nina@example.com");
        await form.Locator("#code").FillAsync(code);
        await form.Locator("#password").FillAsync("Nina-pass-1");
        await ScreenshotAsync("activation-on-invitation-page");
        await form.GetByTestId("activate").ClickAsync();
        await Expect(Page.GetByTestId("outcome")).ToContainTextAsync("Welcome");
        await Expect(Page.GetByTestId("signed-in-as")).ToHaveTextAsync("nina@example.com");
    }
}
