using InvitationKit.AspNetCore.UI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NodaTime;
using NodaTime.Testing;
using static Microsoft.Playwright.Assertions;

namespace InvitationKit.AspNetCore.Tests.Browser;

/// <summary>
/// The refusals a person must understand, and the members' own controls: every problem of a batch at once, a dead link's
/// reason, a weak password's reasons in both languages, the members' pages and the dialog's two ways in.
/// </summary>
public abstract partial class BrowserTests
{
    [BrowserFact]
    public async Task Every_problem_of_a_refused_batch_shows_at_once_beside_its_address()
    {
        await SignInAsync(Owner);
        await Page.GotoAsync(AccountPage);
        await Page.Locator("#emails").FillAsync("bob@example.com\nnewcomer@example.org\nnot an address\nbob@example.com");
        await Page.Locator("#mode").SelectOptionAsync("ExistingUser");
        await Page.GetByTestId("invite").ClickAsync();
        var problems = Page.GetByTestId("problems");
        await Expect(problems.Locator("li[data-code='UserNotRegistered']")).ToHaveAttributeAsync("data-recipient", "newcomer@example.org");
        await Expect(problems.Locator("li[data-code='InvalidEmail']")).ToHaveAttributeAsync("data-recipient", "not an address");
        await Expect(problems.Locator("li[data-code='DuplicateRecipient']")).ToHaveAttributeAsync("data-recipient", "bob@example.com");
        await Expect(problems.Locator("h2")).ToContainTextAsync("for 3 reasons");
        await Expect(problems).ToBeFocusedAsync(); // read out at once, and Tab goes on from it
        await ScreenshotAsync("refused-batch");
        await Expect(Page.GetByTestId("invitations")).ToContainTextAsync("No invitations.");
    }

    [BrowserFact]
    public async Task An_expired_link_says_that_the_invitation_expired()
    {
        var clock = new FakeClock(SystemClock.Instance.GetCurrentInstant());
        await UseAppAsync(s => s.AddSingleton<NodaTime.IClock>(clock));
        await SignInAsync(Owner);
        await InviteAsync("late@example.com");
        await SignOutAsync();
        await OpenMailAsync("late@example.com");
        var link = (await MailLink("/Invite?secret=").GetAttributeAsync("href"))!;

        clock.Advance(Duration.FromDays(8)); // past the default lifetime of 7 days
        await Page.GotoAsync(link);
        await Expect(Page.GetByTestId("invalid-link")).ToContainTextAsync("The invitation expired.");
        await Expect(Page.GetByTestId("accept")).ToHaveCountAsync(0);
        await Expect(Page.GetByTestId("activate")).ToHaveCountAsync(0);
    }

    [BrowserFact]
    public async Task A_weak_password_is_refused_with_Identitys_reasons_in_English_and_in_Russian()
    {
        await SignInAsync(Owner);
        await InviteAsync("weak@example.com");
        await SignOutAsync();
        await OpenMailAsync("weak@example.com");
        var code = await MailCodeAsync();
        var activation = (await MailLink("/Activate?").GetAttributeAsync("href"))!;

        await Page.GotoAsync(activation);
        await Page.Locator("#code").FillAsync(code);
        await Page.Locator("#password").FillAsync("short");
        await Page.GetByTestId("activate").ClickAsync();
        var refused = Page.GetByTestId("problems").Locator("li[data-code='PasswordRejected']");
        await Expect(refused).ToContainTextAsync("at least 8 characters"); // Identity's own reason, in the kit's message
        AssertClean(await CheckAsync(null)); // a refusal, announced and readable at both widths

        await using var russian = await _fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = App.Address, Locale = "ru-RU" });
        Page = await russian.NewPageAsync();
        await Page.GotoAsync(activation);
        await Page.Locator("#code").FillAsync(code);
        await Page.Locator("#password").FillAsync("short");
        await Page.GetByTestId("activate").ClickAsync();
        refused = Page.GetByTestId("problems").Locator("li[data-code='PasswordRejected']");
        await Expect(refused).ToContainTextAsync("Пароль не принят");
        await Expect(refused.GetByTestId("reason")).ToContainTextAsync("at least 8 characters"); // Identity's words, kept
        AssertClean(await CheckAsync(null));
    }

    [BrowserFact]
    public async Task Members_come_in_pages_and_the_dialog_opens_for_an_existing_or_a_new_user()
    {
        await UseAppAsync(s => s.Configure<InvitationKitUIOptions>(o => o.PageSize = 2));
        await SignInAsync(Owner);
        await InviteAsync("bob@example.com", "frank@example.com");
        await SignOutAsync();
        foreach (var member in new[] { "bob@example.com", "frank@example.com" })
        {
            await SignInAsync(member);
            await OpenMailAsync(member);
            await FollowMailLinkAsync("/Invite?secret=");
            await Page.GetByTestId("accept").ClickAsync();
            await Expect(Page.GetByTestId("outcome")).ToContainTextAsync("You are now a member");
            await SignOutAsync();
        }

        await SignInAsync(Owner);
        await Page.GotoAsync(AccountPage);
        var members = Page.GetByTestId("members");
        await Expect(members.Locator("tbody tr")).ToHaveCountAsync(2);
        await Expect(members).ToContainTextAsync("Members 1–2 of 3");
        AssertClean(await CheckAsync(null)); // members with their remove buttons and pages

        // With members on another page the page cannot tell the last owner: the kit refuses removing them.
        await ConfirmAsync(members.Locator($"tr[data-email='{Owner}']"), "remove-member");
        await Expect(Page.GetByTestId("problems").Locator("li[data-code='LastOwner']")).ToBeVisibleAsync();

        await Page.GetByRole(AriaRole.Link, new() { Name = "Next members" }).ClickAsync();
        await Expect(members.Locator("tbody tr")).ToHaveCountAsync(1);
        await Expect(members).ToContainTextAsync("Members 3–3 of 3");

        await members.GetByTestId("add-existing").ClickAsync();
        await Expect(Page.Locator("#mode")).ToHaveValueAsync("ExistingUser");
        await members.GetByTestId("invite-new").ClickAsync();
        await Expect(Page.Locator("#mode")).ToHaveValueAsync("NewUser");
    }

    /// <summary>
    /// Revokes an invitation or removes a member from its row, as the seed documents have it: the action opens a question,
    /// and only confirming it changes anything.
    /// </summary>
    private static async Task ConfirmAsync(ILocator row, string action)
    {
        await row.GetByTestId(action).ClickAsync();
        await row.GetByTestId(action == "revoke" ? "confirm-revoke" : "confirm-remove").ClickAsync();
    }
}
