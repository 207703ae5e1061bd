using InvitationKit.EntityFrameworkCore;
using InvitationKit.Ports;
using InvitationKit.Shared;
using InvitationKit.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace InvitationKit.AspNetCore.Tests.Endpoints;

/// <summary>
/// A test class's web samples, one per name, each started the first time a test asks for it and shared by the class's
/// tests; on PostgreSQL each on a database of its own, dropped with the fixture.
/// </summary>
public sealed class SampleApps : IAsyncLifetime
{
    private readonly Dictionary<string, SampleApp> _apps = [];
    private readonly List<string> _databases = [];

    /// <summary>The app of a name, on a store, started with <paramref name="services"/> the first time.</summary>
    /// <param name="store">Where the kit keeps its data.</param>
    /// <param name="name">Which of the class's apps.</param>
    /// <param name="services">Changes to the sample's services, applied after its own.</param>
    /// <returns>The app.</returns>
    public async Task<SampleApp> GetAsync(SampleStore store, string name = "default", Action<IServiceCollection>? services = null)
    {
        if (_apps.TryGetValue(name, out var app))
        {
            return app;
        }

        string? postgres = null;
        if (store == SampleStore.Postgres)
        {
            postgres = await PostgresServer.CreateDatabaseAsync();
            _databases.Add(postgres);
        }

        app = new SampleApp { Store = store, Postgres = postgres, TestServices = services };
        _apps[name] = app;
        AssertRunsOn(app, store);
        return app;
    }

    // The store the class names, not a silent fall-back to the sample's SQLite file.
    private static void AssertRunsOn(SampleApp app, SampleStore store)
    {
        using var scope = app.Services.CreateScope();
        var kit = scope.ServiceProvider.GetRequiredService<IInvitationStore>();
        Assert.Equal(store == SampleStore.InMemory, kit is InMemoryInvitationStore);
        var provider = scope.ServiceProvider.GetRequiredService<InvitationKitDbContext>().Database.ProviderName;
        Assert.Equal(store == SampleStore.Postgres ? "Npgsql.EntityFrameworkCore.PostgreSQL" : "Microsoft.EntityFrameworkCore.Sqlite", provider);
    }

    /// <inheritdoc />
    public Task InitializeAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        foreach (var app in _apps.Values)
        {
            await app.DisposeAsync();
        }

        foreach (var database in _databases)
        {
            await PostgresServer.DropDatabaseAsync(database);
        }
    }
}
