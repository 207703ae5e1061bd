using System.Net;
using System.Net.Sockets;
using InvitationKit.AspNetCore.Tests.Endpoints;
using InvitationKit.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace InvitationKit.AspNetCore.Tests.Browser;

/// <summary>
/// The web sample on Kestrel, on a free port of the loopback interface, with a database of its own: a SQLite file, or a
/// PostgreSQL database that is dropped with the app. Its mail's links lead to it: the port is chosen first, and the
/// mailer's base URL is the app's address.
/// </summary>
public sealed class BrowserApp : SampleApp
{
    private readonly string? _postgres;

    /// <param name="services">Changes to the sample's services (options, say), applied after its own.</param>
    /// <param name="postgres">A PostgreSQL database's connection string; null runs the sample on SQLite.</param>
    public BrowserApp(Action<IServiceCollection>? services = null, string? postgres = null)
    {
        _postgres = postgres;
        if (postgres is not null)
        {
            Settings["ConnectionStrings:SamplePostgres"] = postgres;
            Settings["Sample:DataFolder"] = Folder;
        }

        var port = FreePort();
        Address = $"http://127.0.0.1:{port}";
        Settings["InvitationKit:Mail:BaseUrl"] = Address + "/";
        TestServices = services;
        UseKestrel(o => o.Listen(IPAddress.Loopback, port));
        StartServer();
    }

    /// <summary>The server's base address, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string Address { get; }

    /// <summary>Stops the app, then drops its PostgreSQL database.</summary>
    /// <returns>A task that completes when both are done.</returns>
    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_postgres is not null)
        {
            await PostgresServer.DropDatabaseAsync(_postgres);
        }
    }

    /// <summary>A free TCP port of the loopback interface.</summary>
    /// <returns>The port.</returns>
    internal static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
