using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace InvitationKit.AspNetCore.Tests.Browser;

/// <summary>The browser tests with the sample on SQLite.</summary>
public sealed class SqliteBrowserTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTests(fixture, output)
{
    protected override Task<BrowserApp> StartAppAsync(Action<IServiceCollection>? services) => Task.FromResult(new BrowserApp(services));
}
