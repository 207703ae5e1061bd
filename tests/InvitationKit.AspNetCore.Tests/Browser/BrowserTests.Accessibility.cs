using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace InvitationKit.AspNetCore.Tests.Browser;

/// <summary>
/// Every page of the web sample, checked with axe-core (WCAG 2.x A and AA rules) in Chromium at a desktop's width and at
/// a phone's: the pages an anonymous visitor, an invitee and an owner see, a mail opened on the Mailbox page included.
/// </summary>
public sealed partial class BrowserTests
{
    [BrowserFact]
    public async Task Every_page_passes_axe_at_desktop_and_phone_width()
    {
        var pages = new List<string> { "/", "/SignIn", "/SignUp", "/Invitations/Activate", "/Invitations/Invite" };
        var violations = new List<string>();
        await SignInAsync(Owner);
        await InviteAsync("axe-new@example.com");
        violations.AddRange(await CheckAsync(AccountPage));
        await SignOutAsync();

        await OpenMailAsync("axe-new@example.com");
        pages.Add(Page.Url);
        var landing = await MailLink("/Invite?secret=").GetAttributeAsync("href");
        pages.Add(landing!);
        pages.Add("/Mailbox");
        foreach (var page in pages)
        {
            violations.AddRange(await CheckAsync(page));
        }

        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    /// <summary>The page's axe violations at both widths, each with the page, the width, the rule and the elements.</summary>
    private async Task<List<string>> CheckAsync(string path)
    {
        var found = new List<string>();
        foreach (var (width, height) in new[] { (1280, 800), (375, 740) })
        {
            await Page.SetViewportSizeAsync(width, height);
            await Page.GotoAsync(path);
            await Expect(Page.Locator("main")).ToBeVisibleAsync();
            var result = await Page.RunAxe(new Deque.AxeCore.Commons.AxeRunOptions
            {
                Iframes = false, // the Mailbox's frame holds a mail, sandboxed without scripts: the mail's markup, not the page's
                RunOnly = new Deque.AxeCore.Commons.RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
            });
            found.AddRange(result.Violations.Select(v => $"{path} at {width}px: {v.Id} ({v.Impact}): {v.Help} — {string.Join("; ", v.Nodes.Select(n => string.Join(" ", n.Target)))}"));
        }

        return found;
    }
}
