using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace InvitationKit.AspNetCore.Tests.Browser;

/// <summary>
/// Every page of the web sample and of InvitationKit.AspNetCore.UI, checked with axe-core (WCAG 2.x A and AA rules) in
/// Chromium at a desktop's width and at a phone's, where nothing may stick out sideways: the pages an anonymous visitor,
/// an invitee and an owner see, in the states that matter (a refused batch, a new user's landing page, a dead link, an
/// inbox with an invitation), a mail opened on the Mailbox page included.
/// </summary>
public abstract partial class BrowserTests
{
    [BrowserFact]
    public async Task Every_page_passes_axe_and_fits_a_phone()
    {
        var violations = new List<string>();
        await SignInAsync(Owner);
        await InviteAsync("axe-new@example.com", "bob@example.com", "axe-gone@example.com");
        await ConfirmAsync(Page.Locator("tr[data-email='axe-gone@example.com']"), "revoke");
        violations.AddRange(await CheckAsync(AccountPage));
        await InviteAsync("a1@example.com", "a2@example.com", "a3@example.com", "not an address");
        violations.AddRange(await CheckAsync(null)); // the refused batch, its problems beside their addresses
        await SignOutAsync();

        var pages = new List<string> { "/", "/SignIn", "/SignUp", "/Invitations/Activate", "/Invitations/Invite" };
        await OpenMailAsync("axe-new@example.com");
        pages.Add(Page.Url);
        pages.Add((await MailLink("/Invite?secret=").GetAttributeAsync("href"))!); // a new user's landing page
        pages.Add("/Mailbox");
        await OpenMailAsync("axe-gone@example.com");
        pages.Add((await MailLink("/Invite?secret=").GetAttributeAsync("href"))!); // a revoked link
        foreach (var page in pages)
        {
            violations.AddRange(await CheckAsync(page));
        }

        await SignInAsync("bob@example.com");
        violations.AddRange(await CheckAsync("/Invitations/Received"));
        await OpenMailAsync("bob@example.com");
        violations.AddRange(await CheckAsync((await MailLink("/Invite?secret=").GetAttributeAsync("href"))!)); // signed in, to accept

        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    /// <summary>
    /// The account page from the keyboard alone, as someone who cannot use a mouse works it: Tab to the addresses, type,
    /// Tab to the button, Enter; then revoke with its question, by Enter. Every element focus lands on on the way must show
    /// it (an outline or a shadow). What an action did takes focus, so it is read out.
    /// </summary>
    [BrowserFact]
    public async Task The_account_page_works_from_the_keyboard_and_shows_where_focus_is()
    {
        await SignInAsync(Owner);
        await Page.GotoAsync(AccountPage);
        var unseen = new List<string>();
        await TabToAsync("#emails", unseen);
        await Page.Keyboard.TypeAsync("keys@example.com");
        await TabToAsync("[data-testid='invite']", unseen);
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Page.GetByTestId("notice")).ToContainTextAsync("Invited 1");
        await Expect(Page.GetByTestId("notice")).ToBeFocusedAsync(); // read out by a screen reader, and Tab goes on from it

        await TabToAsync("tr[data-email='keys@example.com'] [data-testid='revoke']", unseen);
        await Page.Keyboard.PressAsync("Enter");
        await TabToAsync("tr[data-email='keys@example.com'] [data-testid='confirm-revoke']", unseen);
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Page.GetByTestId("notice")).ToContainTextAsync("Revoked");
        Assert.True(unseen.Count == 0, "Focus is not shown on: " + string.Join(", ", unseen.Distinct()));
    }

    /// <summary>Presses Tab until an element has focus (at most 60 times), noting each element reached that shows no focus.</summary>
    private async Task TabToAsync(string selector, List<string> unseen)
    {
        for (var i = 0; i < 60; i++)
        {
            await Page.Keyboard.PressAsync("Tab");
            var hidden = await Page.EvaluateAsync<string?>("""
                () => {
                    const e = document.activeElement;
                    if (!e || e === document.body) return null;
                    const s = getComputedStyle(e);
                    const shown = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
                    return shown ? null : `${e.tagName.toLowerCase()}#${e.id}.${e.className} "${(e.textContent || '').trim().slice(0, 30)}"`;
                }
                """);
            if (hidden is not null)
            {
                unseen.Add(hidden);
            }

            if (await Page.EvaluateAsync<bool>("s => document.activeElement?.matches(s) === true", selector))
            {
                return;
            }
        }

        Assert.Fail($"Tab never reached {selector}.");
    }

    private Task<List<string>> CheckAsync(string? path) => PageChecks.RunAsync(Page, path);

    private static void AssertClean(List<string> violations) => Assert.True(violations.Count == 0, string.Join("\n", violations));
}
