using InvitationKit.Tests.Docs;
using Microsoft.Playwright;

namespace InvitationKit.AspNetCore.Tests.Browser;

/// <summary>One Chromium for the browser tests, headless, driven by Playwright through its executable path.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>The browser.</summary>
    public IBrowser Browser => _browser ?? throw new InvalidOperationException("Launched in InitializeAsync.");

    /// <summary>Where the screenshots go: <c>screenshots/</c> in the test output.</summary>
    public static string Screenshots { get; } = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;

    /// <summary>
    /// docs/images/ui when the run is asked to refresh the documentation's screenshots (<c>INVITATIONKIT_UPDATE_SCREENSHOTS=1</c>),
    /// else null: every screenshot docs/ui.md shows is taken by a browser test under the same name.
    /// </summary>
    public static string? DocsImages { get; } =
        Environment.GetEnvironmentVariable("INVITATIONKIT_UPDATE_SCREENSHOTS") == "1" ? Path.Combine(RepositoryFiles.Root, "docs", "images", "ui") : null;

    /// <summary>Copies a screenshot over the documentation's image of the same name, if there is one and a refresh was asked for.</summary>
    /// <param name="path">The screenshot just taken.</param>
    public static void Publish(string path)
    {
        if (DocsImages is not null && Path.Combine(DocsImages, Path.GetFileName(path)) is var published && File.Exists(published))
        {
            File.Copy(path, published, overwrite: true);
        }
    }

    public async Task InitializeAsync()
    {
        if (Chromium.Find() is null && !Chromium.CanInstall && !Chromium.UnderCi)
        {
            return; // every test is skipped, with the reason (BrowserFactAttribute)
        }

        var executable = await Chromium.EnsureAsync();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args = ["--no-sandbox", "--disable-dev-shm-usage"],
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
