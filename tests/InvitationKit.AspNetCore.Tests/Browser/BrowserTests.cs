using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace InvitationKit.AspNetCore.Tests.Browser;

/// <summary>
/// The web sample clicked through in a real Chromium, as a person would: inviting, the dev mailbox, accepting, activating,
/// and the refusals a person must understand. Each test runs on a fresh app and database, on SQLite
/// (<see cref="SqliteBrowserTests"/>) and on PostgreSQL (<see cref="PostgresBrowserTests"/>); the main pages are saved as
/// screenshots in the test output (<c>screenshots/</c>).
/// </summary>
public abstract partial class BrowserTests : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private const string Owner = "olivia@acme.example";
    private const string AccountPage = "/Invitations/Accounts/acme";
    private readonly BrowserFixture _fixture;
    private readonly ITestOutputHelper _output;
    private BrowserApp? _app;
    private IBrowserContext? _context;

    protected BrowserTests(BrowserFixture fixture, ITestOutputHelper output)
    {
        _fixture = fixture;
        _output = output;
    }

    private BrowserApp App => _app!;

    private IPage Page { get; set; } = null!;

    public async Task InitializeAsync()
    {
        if (new BrowserFactAttribute().Skip is not null)
        {
            return;
        }

        await UseAppAsync(null);
    }

    public async Task DisposeAsync()
    {
        if (_context is not null)
        {
            await _context.DisposeAsync();
        }

        await (_app?.DisposeAsync() ?? ValueTask.CompletedTask);
    }

    /// <summary>Starts the sample on a fresh database of the test class's kind.</summary>
    /// <param name="services">Changes to the sample's services, applied after its own.</param>
    /// <returns>The running app.</returns>
    protected abstract Task<BrowserApp> StartAppAsync(Action<IServiceCollection>? services);

    [BrowserFact]
    public async Task An_owner_invites_a_registered_and_a_new_user_and_both_become_members()
    {
        await SignInAsync(Owner);
        await InviteAsync("bob@example.com", "nina@example.com");
        await Expect(Page.GetByTestId("notice")).ToContainTextAsync("Invited 2");
        await ScreenshotAsync("team-after-invite");

        // Bob is registered: he signs in, opens his mail and accepts.
        await SignOutAsync();
        await SignInAsync("bob@example.com");
        await OpenMailAsync("bob@example.com", screenshot: "mailbox");
        await FollowMailLinkAsync("/Invite?secret=");
        await Expect(Page.GetByTestId("preview")).ToContainTextAsync("Acme Corp");
        await ScreenshotAsync("invitation-landing");
        await Page.GetByTestId("accept").ClickAsync();
        await Expect(Page.GetByTestId("outcome")).ToContainTextAsync("You are now a member of Acme Corp");

        // Nina is new: she opens her mail, activates with the code and chooses a password.
        await SignOutAsync();
        await OpenMailAsync("nina@example.com");
        var code = await MailCodeAsync();
        await FollowMailLinkAsync("/Activate?");
        await Expect(Page.Locator("#email")).ToHaveValueAsync("nina@example.com");
        await Page.Locator("#code").FillAsync(code);
        await Page.Locator("#password").FillAsync("Nina-pass-1");
        await ScreenshotAsync("activation");
        await Page.GetByTestId("activate").ClickAsync();
        await Expect(Page.GetByTestId("outcome")).ToContainTextAsync("Welcome");
        await Expect(Page.GetByTestId("signed-in-as")).ToHaveTextAsync("nina@example.com");

        // Both are members now.
        await SignOutAsync();
        await SignInAsync(Owner);
        await Page.GotoAsync(AccountPage);
        var members = Page.GetByTestId("members");
        await Expect(members.Locator("tr[data-email='bob@example.com']")).ToBeVisibleAsync();
        await Expect(members.Locator("tr[data-email='nina@example.com']")).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("seats")).ToContainTextAsync("3 of 5 seats taken");
        await ScreenshotAsync("team-members");
    }

    [BrowserFact]
    public async Task Signing_in_with_another_email_shows_EmailMismatch_and_the_invitation_stays_pending()
    {
        await SignInAsync(Owner);
        await InviteAsync("frank@example.com");
        await SignOutAsync();

        await SignInAsync("eve@example.com");
        await OpenMailAsync("frank@example.com");
        await FollowMailLinkAsync("/Invite?secret=");
        await Page.GetByTestId("accept").ClickAsync();
        var problem = Page.GetByTestId("problems").Locator("li[data-code='EmailMismatch']");
        await Expect(problem).ToBeVisibleAsync();
        Assert.True(await problem.Locator(".ik-remedies li").CountAsync() > 0, "EmailMismatch shows its remedies");
        await ScreenshotAsync("email-mismatch");

        await SignOutAsync();
        await SignInAsync(Owner);
        await Page.GotoAsync(AccountPage);
        await Expect(Page.Locator("tr[data-email='frank@example.com'] [data-testid='status']")).ToHaveTextAsync("Pending");
    }

    [BrowserFact]
    public async Task A_batch_over_the_seat_limit_shows_UserLimitExceeded_with_the_figures()
    {
        await SignInAsync(Owner);
        await InviteAsync("a1@example.com", "a2@example.com", "a3@example.com", "a4@example.com", "a5@example.com");
        var problem = Page.GetByTestId("problems").Locator("li[data-code='UserLimitExceeded']");
        await Expect(problem).ToBeVisibleAsync();
        await Expect(problem.GetByTestId("seat-figures")).ToHaveTextAsync("Limit 5 · occupied 1 · requested 5 · available 4");
        await ScreenshotAsync("seat-limit");
        await Expect(Page.GetByTestId("invitations")).ToContainTextAsync("No invitations.");
    }

    [BrowserFact]
    public async Task A_revoked_link_shows_that_it_is_no_longer_valid()
    {
        await SignInAsync(Owner);
        await InviteAsync("gone@example.com");
        var row = Page.Locator("tr[data-email='gone@example.com']");
        await row.GetByTestId("revoke").ClickAsync(); // asks first: nothing is revoked yet
        await Expect(row.GetByTestId("confirm-revoke")).ToBeVisibleAsync();
        await Expect(row.GetByTestId("status")).ToHaveTextAsync("Pending");
        await row.GetByTestId("confirm-revoke").ClickAsync();
        await Expect(Page.GetByTestId("notice")).ToContainTextAsync("Revoked");
        await Expect(Page.Locator("tr[data-email='gone@example.com'] [data-testid='status']")).ToHaveTextAsync("Revoked");

        await OpenMailAsync("gone@example.com");
        await FollowMailLinkAsync("/Invite?secret=");
        await Expect(Page.GetByTestId("invalid-link")).ToContainTextAsync("no longer valid");
        await Expect(Page.GetByTestId("accept")).ToHaveCountAsync(0);
        await ScreenshotAsync("revoked-link");
    }

    [BrowserFact]
    public async Task The_invitation_list_filters_pages_edits_roles_and_explains_a_resend_too_soon()
    {
        await UseAppAsync(s => s.Configure<InvitationKit.AspNetCore.UI.InvitationKitUIOptions>(o => o.PageSize = 5));
        await SignInAsync(Owner);
        await InviteAsync("p1@example.com", "p2@example.com", "p3@example.com", "p4@example.com");
        foreach (var gone in new[] { "p1@example.com", "p2@example.com" })
        {
            await ConfirmAsync(Page.Locator($"tr[data-email='{gone}']"), "revoke");
            await Expect(Page.GetByTestId("notice")).ToContainTextAsync($"Revoked the invitation of {gone}");
        }

        await InviteAsync("p5@example.com", "p6@example.com");
        var rows = Page.GetByTestId("invitations").Locator("tbody tr");
        await Expect(rows).ToHaveCountAsync(5);
        await Expect(Page.GetByTestId("invitations")).ToContainTextAsync("Showing 5 of 6");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Older" }).ClickAsync();
        await Expect(rows).ToHaveCountAsync(1);

        await Page.GotoAsync(AccountPage);
        await Page.Locator("#status").SelectOptionAsync("Revoked");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Expect(rows).ToHaveCountAsync(2);

        await Page.GotoAsync(AccountPage);
        var p6 = Page.Locator("tr[data-email='p6@example.com']");
        await p6.GetByLabel("VIEWER").CheckAsync(); // the catalog's roles, as choices
        await p6.GetByLabel("EDITOR").CheckAsync();
        await p6.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(Page.GetByTestId("notice")).ToContainTextAsync("p6@example.com will get: VIEWER, EDITOR");

        // Within a minute of the last mail a resend is refused, and the page says when to try again.
        await Page.Locator("tr[data-email='p6@example.com']").GetByRole(AriaRole.Button, new() { Name = "Resend" }).ClickAsync();
        await Expect(Page.GetByTestId("problems").Locator("li[data-code='RateLimited']")).ToBeVisibleAsync();
        await ScreenshotAsync("team-list");
    }

    /// <summary>Replaces the test's app with a fresh one (with other options, say), with a browser context of its own.</summary>
    private async Task UseAppAsync(Action<IServiceCollection>? services)
    {
        await DisposeAsync();
        _app = await StartAppAsync(services);
        _context = await _fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = App.Address });
        _context.SetDefaultTimeout(15_000);
        Page = await _context.NewPageAsync();
    }

    /// <summary>
    /// Waits for the newest mail to an address (about a subject) to arrive over SMTP in the sample's catcher, then opens it
    /// on the Mailbox page, as a person would.
    /// </summary>
    private async Task OpenMailAsync(string to, string? subject = null, string? screenshot = null)
    {
        await App.MailToAsync(to, subject);
        await Page.GotoAsync("/Mailbox");
        if (screenshot is not null)
        {
            await ScreenshotAsync(screenshot);
        }

        var rows = Page.Locator($"[data-testid='mail'][data-to='{to}']");
        await (subject is null ? rows : rows.Filter(new() { HasText = subject })).First.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(Page.GetByTestId("message")).ToBeVisibleAsync();
    }

    /// <summary>
    /// Follows a link of the open mail's HTML part by its address, as a mail client opening it in the browser does. Clicking
    /// it in the sandboxed frame, which navigates the top page, once failed to navigate in CI; the mailbox test that
    /// follows the link in the mail covers the click itself.
    /// </summary>
    private async Task FollowMailLinkAsync(string href) => await Page.GotoAsync((await MailLink(href).GetAttributeAsync("href"))!);

    /// <summary>A link of the open mail's HTML part, in its sandboxed frame.</summary>
    private ILocator MailLink(string href) => Page.FrameLocator("[data-testid='mail-html']").Locator($"a[href*='{href}']").First;

    /// <summary>The one-time code of the open mail, as the page shows its plain-text part: the line of six digits.</summary>
    private async Task<string> MailCodeAsync() =>
        Assert.Single((await Page.GetByTestId("mail-text").InnerTextAsync()).ReplaceLineEndings("\n").Split('\n'), l => l.Length == 6 && l.All(char.IsAsciiDigit));

    private async Task SignInAsync(string email)
    {
        await Page.GotoAsync("/SignIn");
        await Page.GetByTestId($"demo-{email}").ClickAsync();
        await Expect(Page.GetByTestId("signed-in-as")).ToHaveTextAsync(email);
    }

    private async Task SignOutAsync()
    {
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Sign in" })).ToBeVisibleAsync();
    }

    private async Task InviteAsync(params string[] emails)
    {
        await Page.GotoAsync(AccountPage);
        await Page.Locator("#emails").FillAsync(string.Join('\n', emails));
        await Page.GetByTestId("invite").ClickAsync();
        await Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }

    private async Task ScreenshotAsync(string name)
    {
        var path = Path.Combine(BrowserFixture.Screenshots, $"{name}.png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        BrowserFixture.Publish(path);
        _output.WriteLine($"screenshot: {path}");
    }
}
