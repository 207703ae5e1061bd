using System.Net;
using System.Security.Cryptography;
using InvitationKit.AspNetCore.Endpoints;
using InvitationKit.EntityFrameworkCore;
using InvitationKit.Shared;
using InvitationKit.Ports;
using InvitationKit.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InvitationKit.AspNetCore.Tests.Endpoints;

/// <summary>
/// The kit's endpoints on a test server with the in-memory ports, where a request says which address it comes from:
/// the <see cref="PeerHeader"/> header stands for the TCP peer (a test server has none), read before any other middleware,
/// so <c>UseForwardedHeaders</c> sees the peer a real server would. The kit's store is the in-memory one, or the EF Core
/// store on a SQLite file or a PostgreSQL database of the host's own, deleted with it; the other ports stay in memory.
/// </summary>
internal sealed class KitHost : IAsyncDisposable
{
    public const string PeerHeader = "Test-Peer";
    public const string Api = "/api";

    private readonly WebApplication _app;
    private readonly SampleStore _store;
    private readonly string? _database;

    private KitHost(WebApplication app, SampleStore store, string? database) => (_app, _store, _database) = (app, store, database);

    public HttpClient Client { get; private set; } = null!;

    public IServiceProvider Services => _app.Services;

    /// <summary>Starts a host; <paramref name="pipeline"/> adds middleware after the peer is set (e.g. forwarded headers).</summary>
    public static async Task<KitHost> StartAsync(
        Action<InvitationKitOptions>? kit = null,
        Action<InvitationKitEndpointOptions>? endpoints = null,
        Action<WebApplication>? pipeline = null,
        Action<IServiceCollection>? services = null,
        SampleStore store = SampleStore.InMemory)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        var ports = builder.Services.AddInvitationKit(o =>
            {
                o.SecretKey = RandomNumberGenerator.GetBytes(32);
                kit?.Invoke(o);
            });
        var database = store switch
        {
            SampleStore.Sqlite => $"Data Source={Path.Combine(Path.GetTempPath(), $"ik-kithost-{Guid.NewGuid():N}.db")}",
            SampleStore.Postgres => await PostgresServer.CreateDatabaseAsync(),
            _ => null,
        };
        if (database is not null)
        {
            builder.Services.AddDbContext<InvitationKitDbContext>(o => _ = store == SampleStore.Sqlite ? o.UseSqlite(database) : o.UseNpgsql(database));
            ports.UseEntityFrameworkCore<InvitationKitDbContext>(); // before the in-memory ports, which keep a store registered before
        }

        ports.UseInMemoryPorts();
        builder.Services.AddAuthentication();
        builder.Services.AddAuthorization();
        services?.Invoke(builder.Services);
        var app = builder.Build();
        if (database is not null)
        {
            await using var scope = app.Services.CreateAsyncScope();
            await InvitationKitSchema.ApplyAsync(scope.ServiceProvider.GetRequiredService<InvitationKitDbContext>());
        }

        app.Use((http, next) =>
        {
            if (http.Request.Headers[PeerHeader] is [{ } peer])
            {
                http.Connection.RemoteIpAddress = IPAddress.Parse(peer);
            }

            return next(http);
        });
        pipeline?.Invoke(app);
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapInvitationKit(Api, endpoints);
        await app.StartAsync();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            Assert.Equal(database is null, scope.ServiceProvider.GetRequiredService<IInvitationStore>() is InMemoryInvitationStore); // the store asked for
        }

        return new KitHost(app, store, database) { Client = app.GetTestClient() };
    }

    /// <summary>Invites a new user into a fresh account; returns the mail's link secret and one-time password.</summary>
    public async Task<(string Secret, string Code)> InviteNewUserAsync(string email)
    {
        var owner = Services.GetRequiredService<InMemoryUserDirectory>().AddUser($"owner-{Guid.NewGuid():N}@example.com");
        var account = $"account-{Guid.NewGuid():N}";
        Services.GetRequiredService<InMemoryAccountDirectory>().Add(new AccountInfo(account, "Acme"));
        await using var scope = Services.CreateAsyncScope();
        var kit = scope.ServiceProvider.GetRequiredService<IInvitationManager>();
        Assert.True((await kit.AddFoundingOwnerAsync(account, owner.Id)).Succeeded);
        Assert.True((await kit.InviteAsync(Actor.User(owner.Id), new InviteRequest(account, "cloud", [new InviteRecipient(email, ["VIEWER"])]))).Succeeded);
        var mail = Services.GetRequiredService<CapturingMailer>().LastTo(email);
        return (mail.Secret, mail.OneTimePassword!);
    }

    /// <summary>A request from <paramref name="peer"/>, with <paramref name="forwardedFor"/> as X-Forwarded-For when given.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content, string peer, string? forwardedFor = null, Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(method, Api + path) { Content = content };
        request.Headers.Add(PeerHeader, peer);
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        configure?.Invoke(request);
        return await Client.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.DisposeAsync();
        if (_store == SampleStore.Sqlite)
        {
            SqliteConnection.ClearAllPools();
            File.Delete(new SqliteConnectionStringBuilder(_database).DataSource);
        }
        else if (_store == SampleStore.Postgres)
        {
            await PostgresServer.DropDatabaseAsync(_database!);
        }
    }
}
