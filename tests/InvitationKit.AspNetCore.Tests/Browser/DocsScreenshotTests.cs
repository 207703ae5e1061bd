using System.Text.RegularExpressions;
using InvitationKit.Tests.Docs;

namespace InvitationKit.AspNetCore.Tests.Browser;

/// <summary>
/// docs/ui.md's screenshots are the browser tests' own: each is taken by a test under its file's name (and refreshed by a
/// run with <c>INVITATIONKIT_UPDATE_SCREENSHOTS=1</c>), each exists, and no image in docs/images/ui is left unused.
/// </summary>
public sealed partial class DocsScreenshotTests
{
    [Fact]
    public void Every_screenshot_of_the_docs_is_taken_by_a_browser_test_and_none_is_stale()
    {
        var images = Path.Combine(RepositoryFiles.Root, "docs", "images", "ui");
        var shown = DocsImage().Matches(File.ReadAllText(Path.Combine(RepositoryFiles.Root, "docs", "ui.md"))).Select(m => m.Groups[1].Value).ToHashSet();
        var taken = Directory.GetFiles(Path.Combine(RepositoryFiles.Root, "tests", "InvitationKit.AspNetCore.Tests", "Browser"), "*.cs")
            .SelectMany(source => Screenshot().Matches(File.ReadAllText(source)).Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value))
            .ToHashSet();

        Assert.NotEmpty(shown);
        Assert.All(shown, name => Assert.True(File.Exists(Path.Combine(images, $"{name}.png")), $"docs/ui.md shows images/ui/{name}.png, which is missing."));
        Assert.All(shown, name => Assert.True(taken.Contains(name), $"No browser test takes the screenshot '{name}' that docs/ui.md shows."));
        Assert.All(Directory.GetFiles(images, "*.png").Select(Path.GetFileNameWithoutExtension),
            name => Assert.True(shown.Contains(name!), $"docs/images/ui/{name}.png is shown by no document."));
    }

    [GeneratedRegex(@"\(images/ui/([a-z0-9-]+)\.png\)")]
    private static partial Regex DocsImage();

    [GeneratedRegex(@"(?:ScreenshotAsync\(|screenshot: )""([a-z0-9-]+)""|""([a-z0-9-]+)\.png""")]
    private static partial Regex Screenshot();
}
