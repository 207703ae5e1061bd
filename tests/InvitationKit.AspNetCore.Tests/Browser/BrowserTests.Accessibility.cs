using Deque.AxeCore.Playwright;
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
        await Page.Locator("tr[data-email='axe-gone@example.com']").GetByTestId("revoke").ClickAsync();
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
    /// The page's axe violations at both widths, each with the page, the width, the rule and the elements, and at a phone's
    /// width every element that sticks out sideways. A null path checks the page as it is (a POST's answer).
    /// </summary>
    private async Task<List<string>> CheckAsync(string? path)
    {
        var found = new List<string>();
        var name = path ?? Page.Url;
        foreach (var (width, height) in new[] { (1280, 800), (375, 740) })
        {
            await Page.SetViewportSizeAsync(width, height);
            if (path is not null)
            {
                await Page.GotoAsync(path);
            }

            await Expect(Page.Locator("main")).ToBeVisibleAsync();
            var result = await Page.RunAxe(new Deque.AxeCore.Commons.AxeRunOptions
            {
                Iframes = false, // the Mailbox's frame holds a mail, sandboxed without scripts: the mail's markup, not the page's
                RunOnly = new Deque.AxeCore.Commons.RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
            });
            found.AddRange(result.Violations.Select(v => $"{name} at {width}px: {v.Id} ({v.Impact}): {v.Help} — {string.Join("; ", v.Nodes.Select(n => string.Join(" ", n.Target)))}"));
            if (width == 375)
            {
                var wide = await Page.EvaluateAsync<string[]>("[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth).map(e => e.tagName + '.' + e.className)");
                found.AddRange(wide.Select(e => $"{name} at 375px: {e} sticks out sideways"));
            }
        }

        await Page.SetViewportSizeAsync(1280, 800);
        return found;
    }
}
