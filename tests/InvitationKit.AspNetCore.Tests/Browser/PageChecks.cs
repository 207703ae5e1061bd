using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace InvitationKit.AspNetCore.Tests.Browser;

/// <summary>The checks every page gets in the browser tests: axe-core's WCAG 2.x A and AA rules, and a phone's width.</summary>
internal static class PageChecks
{
    /// <summary>
    /// A page's axe violations at both widths, each with the page, the width, the rule and the elements, and at a phone's
    /// width every element that sticks out sideways. A null path checks the page as it is (a POST's answer).
    /// </summary>
    public static async Task<List<string>> RunAsync(IPage page, string? path)
    {
        var found = new List<string>();
        var name = path ?? page.Url;
        foreach (var (width, height) in new[] { (1280, 800), (375, 740) })
        {
            await page.SetViewportSizeAsync(width, height);
            if (path is not null)
            {
                await page.GotoAsync(path);
            }

            await Expect(page.Locator("main")).ToBeVisibleAsync();
            var result = await page.RunAxe(new Deque.AxeCore.Commons.AxeRunOptions
            {
                Iframes = false, // the Mailbox's frame holds a mail, sandboxed without scripts: the mail's markup, not the page's
                RunOnly = new Deque.AxeCore.Commons.RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
            });
            found.AddRange(result.Violations.Select(v => $"{name} at {width}px: {v.Id} ({v.Impact}): {v.Help} — {string.Join("; ", v.Nodes.Select(n => string.Join(" ", n.Target)))}"));
            if (width == 375)
            {
                var wide = await page.EvaluateAsync<string[]>("[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth).map(e => e.tagName + '.' + e.className)");
                found.AddRange(wide.Select(e => $"{name} at 375px: {e} sticks out sideways"));
            }
        }

        await page.SetViewportSizeAsync(1280, 800);
        return found;
    }
}
