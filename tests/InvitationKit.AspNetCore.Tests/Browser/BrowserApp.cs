using System.Net;
using System.Net.Sockets;
using InvitationKit.AspNetCore.Tests.Endpoints;
using Microsoft.Extensions.DependencyInjection;

namespace InvitationKit.AspNetCore.Tests.Browser;

/// <summary>
/// The web sample on Kestrel, on a free port of the loopback interface, with a database of its own. Its mail's links lead
/// to it: the port is chosen first, and the mailer's base URL is the app's address.
/// </summary>
public sealed class BrowserApp : SampleApp
{
    /// <param name="services">Changes to the sample's services (options, say), applied after its own.</param>
    public BrowserApp(Action<IServiceCollection>? services = null)
    {
        var port = FreePort();
        Address = $"http://127.0.0.1:{port}";
        Settings["InvitationKit:Mail:BaseUrl"] = Address + "/";
        TestServices = services;
        UseKestrel(o => o.Listen(IPAddress.Loopback, port));
        StartServer();
    }

    /// <summary>The server's base address, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string Address { get; }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
