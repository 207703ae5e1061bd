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
