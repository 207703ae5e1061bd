using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NodaTime;
using static Microsoft.Playwright.Assertions;

namespace InvitationKit.AspNetCore.Tests.Browser;

/// <summary>
/// The flows of the seed documents on the screens of InvitationKit.AspNetCore.UI, clicked through: declining, resending,
/// "My invitations", the owner toggle a USER_ADMIN never gets, removing a member while the last owner stays, and the
/// batch refusals (registered users only, over the batch limit) shown beside their addresses.
/// </summary>
public abstract partial class BrowserTests
{
    [BrowserFact]
    public async Task A_new_user_declines_on_the_landing_page_and_the_owner_sees_it_declined()
    {
        await SignInAsync(Owner);
        await InviteAsync("decliner@example.com");
        await SignOutAsync();

        await OpenMailAsync("decliner@example.com");
        await FollowMailLinkAsync("/Invite?secret=");
        await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Invitations/Invite$")); // the secret left the address bar
        await Expect(Page.GetByTestId("activate-form")).ToBeVisibleAsync(); // a new user's way in is activation, not a sign-in
        await Expect(Page.GetByTestId("accept")).ToHaveCountAsync(0);
        await Page.GetByTestId("decline").ClickAsync();
        await Expect(Page.GetByTestId("outcome")).ToContainTextAsync("You declined the invitation");

        await SignInAsync(Owner);
        await Page.GotoAsync(AccountPage);
        await Expect(Page.Locator("tr[data-email='decliner@example.com'] [data-testid='status']")).ToHaveTextAsync("Declined");
    }

    [BrowserFact]
    public async Task An_owner_resends_and_the_invitee_accepts_from_My_invitations()
    {
        await UseAppAsync(s => s.PostConfigure<InvitationKitOptions>(o => o.ResendCooldown = Duration.Zero));
        await SignInAsync(Owner);
        await InviteAsync("bob@example.com");
        await Page.Locator("tr[data-email='bob@example.com']").GetByTestId("resend").ClickAsync();
        await Expect(Page.GetByTestId("notice")).ToContainTextAsync("Sent the invitation of bob@example.com again");
        await SignOutAsync();

        await SignInAsync("bob@example.com");
        await Page.GotoAsync("/Invitations/Received");
        var received = Page.GetByTestId("received");
        await Expect(received).ToContainTextAsync("Acme Corp");
        await ScreenshotAsync("my-invitations");
        await received.GetByTestId("accept").ClickAsync();
        await Expect(Page.GetByTestId("notice")).ToContainTextAsync("You are now a member of Acme Corp");
        await Expect(received).ToContainTextAsync("No invitation waits for you");
    }

    [BrowserFact]
    public async Task A_USER_ADMIN_is_never_offered_the_owner_toggle_and_a_forged_one_is_refused()
    {
        await SignInAsync(Owner);
        await Page.GotoAsync(AccountPage);
        await Expect(Page.GetByTestId("grants-owner")).ToBeVisibleAsync(); // the owner has it
        await Page.Locator("#emails").FillAsync("bob@example.com");
        await Page.GetByLabel("USER_ADMIN").First.CheckAsync();
        await Page.GetByTestId("invite").ClickAsync();
        await Expect(Page.GetByTestId("notice")).ToContainTextAsync("Invited 1");
        await SignOutAsync();
        await SignInAsync("bob@example.com");
        await OpenMailAsync("bob@example.com");
        await FollowMailLinkAsync("/Invite?secret=");
        await Page.GetByTestId("accept").ClickAsync();
        await Expect(Page.GetByTestId("outcome")).ToContainTextAsync("You are now a member of Acme Corp");

        await Page.GotoAsync(AccountPage);
        await Expect(Page.GetByTestId("grants-owner")).ToHaveCountAsync(0);
        await Page.Locator("#emails").FillAsync("frank@example.com");
        await Page.EvaluateAsync("document.querySelector('[data-testid=invite]').form.insertAdjacentHTML('beforeend', '<input type=hidden name=\"Invite.GrantsOwner\" value=\"true\">')");
        await Page.GetByTestId("invite").ClickAsync();
        await Expect(Page.GetByTestId("problems").Locator("li[data-code='OwnerGrantNotAllowed']")).ToContainTextAsync("frank@example.com");
        await ScreenshotAsync("owner-toggle-refused");
    }

    [BrowserFact]
    public async Task An_owner_removes_a_member_and_the_last_owner_stays()
    {
        await SignInAsync(Owner);
        await InviteAsync("bob@example.com");
        await SignOutAsync();
        await SignInAsync("bob@example.com");
        await OpenMailAsync("bob@example.com");
        await FollowMailLinkAsync("/Invite?secret=");
        await Page.GetByTestId("accept").ClickAsync();
        await SignOutAsync();

        await SignInAsync(Owner);
        await Page.GotoAsync(AccountPage);
        var members = Page.GetByTestId("members");
        await Expect(members.Locator($"tr[data-email='{Owner}'] [data-testid='last-owner']")).ToBeVisibleAsync();
        await Expect(members.Locator($"tr[data-email='{Owner}'] [data-testid='remove-member']")).ToHaveCountAsync(0);
        await ScreenshotAsync("members");
        await ConfirmAsync(members.Locator("tr[data-email='bob@example.com']"), "remove-member");
        await Expect(Page.GetByTestId("notice")).ToContainTextAsync("Removed");
        await Expect(members.Locator("tr[data-email='bob@example.com']")).ToHaveCountAsync(0);
        await Expect(Page.GetByTestId("seats")).ToContainTextAsync("1 of 5 seats taken");
    }

    [BrowserFact]
    public async Task Registered_only_and_over_the_batch_limit_are_refused_beside_their_addresses()
    {
        await UseAppAsync(s => s.PostConfigure<InvitationKitOptions>(o => o.MaxBatchSize = 2));
        await SignInAsync(Owner);
        await Page.GotoAsync(AccountPage);
        await Page.Locator("#emails").FillAsync("bob@example.com\nnewcomer@example.org");
        await Page.Locator("#mode").SelectOptionAsync("ExistingUser");
        await Page.GetByTestId("invite").ClickAsync();
        var problem = Page.GetByTestId("problems").Locator("li[data-code='UserNotRegistered']");
        await Expect(problem).ToHaveAttributeAsync("data-recipient", "newcomer@example.org");
        await Expect(Page.Locator("#emails")).ToHaveValueAsync("bob@example.com\nnewcomer@example.org"); // kept to correct
        await ScreenshotAsync("registered-only");

        await InviteAsync("a1@example.com", "a2@example.com", "a3@example.com");
        await Expect(Page.GetByTestId("problems").Locator("li[data-code='BatchTooLarge']")).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("invitations")).ToContainTextAsync("No invitations.");
    }

    [BrowserFact]
    public async Task A_browser_asking_for_Russian_gets_the_screens_and_the_kits_refusals_in_Russian()
    {
        await using var russian = await _fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = App.Address, Locale = "ru-RU" });
        Page = await russian.NewPageAsync();
        await SignInAsync(Owner);
        await Page.GotoAsync(AccountPage);
        await Expect(Page.Locator("html")).ToHaveAttributeAsync("lang", "ru");
        await Expect(Page.GetByTestId("invite")).ToHaveTextAsync("Отправить приглашения");
        await Page.Locator("#emails").FillAsync("a1@example.com\na2@example.com\na3@example.com\na4@example.com\na5@example.com");
        await Page.GetByTestId("invite").ClickAsync();
        var problem = Page.GetByTestId("problems").Locator("li[data-code='UserLimitExceeded']");
        await Expect(problem).ToContainTextAsync("Превышен лимит пользователей аккаунта.");
        await Expect(problem.Locator(".ik-remedies li").First).ToContainTextAsync(new System.Text.RegularExpressions.Regex("[А-Яа-яЁё]"));
        await ScreenshotAsync("refused-batch-ru");
        AssertClean(await CheckAsync(null)); // the Russian page, its refusal included, at both widths
    }

    [BrowserFact]
    public async Task A_revoked_links_holder_asks_for_a_new_invitation_and_the_inviter_is_told_once()
    {
        var notices = new InvitationKit.Testing.CapturingNoticeMailer();
        await UseAppAsync(s => s.AddSingleton<InvitationKit.Ports.IInvitationNoticeMailer>(notices));
        await SignInAsync(Owner);
        await InviteAsync("again@example.com");
        await ConfirmAsync(Page.Locator("tr[data-email='again@example.com']"), "revoke");
        await Expect(Page.GetByTestId("notice")).ToContainTextAsync("Revoked");
        await SignOutAsync();

        await OpenMailAsync("again@example.com");
        await FollowMailLinkAsync("/Invite?secret=");
        await Expect(Page.GetByTestId("invalid-link")).ToContainTextAsync("no longer valid");
        await ScreenshotAsync("ask-for-a-new-invitation");
        await Page.GetByTestId("request-new").ClickAsync();
        await Expect(Page.GetByTestId("outcome")).ToContainTextAsync("we asked the person who invited you");
        var until = DateTime.UtcNow.AddSeconds(20); // the background dispatcher sends the notice
        while (notices.Sent.Count == 0 && DateTime.UtcNow < until)
        {
            await Task.Delay(100);
        }

        Assert.Equal("again@example.com", Assert.Single(notices.Sent).InviteeEmail);
    }
}
