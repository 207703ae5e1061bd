using InvitationKit.Shared;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace InvitationKit.AspNetCore.Tests.Browser;

/// <summary>The browser tests with the sample on PostgreSQL: Identity's tables and the kit's in a database of the test's own.</summary>
public sealed class PostgresBrowserTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTests(fixture, output)
{
    protected override async Task<BrowserApp> StartAppAsync(Action<IServiceCollection>? services) =>
        new BrowserApp(services, await PostgresServer.CreateDatabaseAsync());
}
