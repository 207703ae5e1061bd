using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace InvitationKit.AspNetCore.Tests.Browser;

/// <summary>Issue 20 in the browser: invited people who sign up on the app's own page instead, and are never blocked.</summary>
public abstract partial class BrowserTests
{
    /// <summary>
    /// Issue 20's attack, clicked through: the owner invites a stranger and revokes the invitation; the stranger signs up
    /// on the app's own page, confirms the email from the mailbox and signs in with the password, as anyone else would.
    /// </summary>
    [BrowserFact]
    public async Task A_stranger_invited_and_revoked_signs_up_confirms_and_signs_in()
    {
        await SignInAsync(Owner);
        await InviteAsync("stranger@example.net");
        await ConfirmAsync(Page.Locator("tr[data-email='stranger@example.net']"), "revoke");
        await Expect(Page.GetByTestId("notice")).ToContainTextAsync("Revoked");
        await SignOutAsync();

        await SignUpAsync("stranger@example.net", "Stranger-pass-1");
        await Expect(Page.GetByTestId("outcome")).ToHaveTextAsync("Your email is confirmed. Sign in.");
        await SignInWithPasswordAsync("stranger@example.net", "Stranger-pass-1");
    }

    /// <summary>
    /// The remedy of a spent budget, clicked through: wrong codes lock the address out of activation for good; the
    /// invitee signs up with the invited address, confirms it (which claims the invitation), signs in, and accepts.
    /// </summary>
    [BrowserFact]
    public async Task An_invitee_locked_out_of_the_code_signs_up_and_accepts_the_invitation()
    {
        await UseAppAsync(s => s.PostConfigure<InvitationKitOptions>(o => (o.MaxOtpAttempts, o.MaxOtpFailuresPerAddress) = (3, 3)));
        await SignInAsync(Owner);
        await InviteAsync("nina@example.com");
        await SignOutAsync();

        await OpenMailAsync("nina@example.com");
        var code = await MailCodeAsync();
        await FollowMailLinkAsync("/Activate?");
        foreach (var wrong in new[] { "000001", "000002", "000003" }.Select(w => w == code ? "999999" : w).Append(code))
        {
            await Page.Locator("#code").FillAsync(wrong);
            await Page.Locator("#password").FillAsync("Nina-pass-1");
            await Page.GetByTestId("activate").ClickAsync();
            await Expect(Page.GetByTestId("problems")).ToBeVisibleAsync();
        }

        var locked = Page.GetByTestId("problems").Locator("li[data-code='OtpInvalid']"); // at the bare address, told as a wrong code
        await Expect(locked).ToContainTextAsync("sign-up page");
        await ScreenshotAsync("otp-locked-out");

        await Page.GetByRole(AriaRole.Link, new() { Name = "Sign up" }).ClickAsync();
        await SignUpAsync("nina@example.com", "Nina-pass-1");
        await Expect(Page.GetByTestId("outcome")).ToContainTextAsync("1 invitation(s) wait for you");
        await SignInWithPasswordAsync("nina@example.com", "Nina-pass-1");

        await OpenMailAsync("nina@example.com", "invitation to");
        await FollowMailLinkAsync("/Invite?secret=");
        await Page.GetByTestId("accept").ClickAsync();
        await Expect(Page.GetByTestId("outcome")).ToContainTextAsync("You are now a member of Acme Corp");
    }

    /// <summary>Signs up on the app's page, then opens the confirmation link from the mailbox and confirms.</summary>
    private async Task SignUpAsync(string email, string password)
    {
        await Page.GotoAsync("/SignUp");
        await Page.Locator("#email").FillAsync(email);
        await Page.Locator("#password").FillAsync(password);
        await Page.GetByTestId("sign-up").ClickAsync();
        await Expect(Page.GetByTestId("outcome")).ToContainTextAsync("we sent a confirmation link");
        await ScreenshotAsync("sign-up");

        await OpenMailAsync(email, "Confirm your email");
        await FollowMailLinkAsync("/ConfirmEmail?");
        await Page.GetByTestId("confirm").ClickAsync();
    }

    private async Task SignInWithPasswordAsync(string email, string password)
    {
        await Page.GotoAsync("/SignIn");
        await Page.Locator("#email").FillAsync(email);
        await Page.Locator("#password").FillAsync(password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(Page.GetByTestId("signed-in-as")).ToHaveTextAsync(email);
    }
}
