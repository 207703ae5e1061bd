using InvitationKit.AspNetCore.Tests.Endpoints;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace InvitationKit.AspNetCore.Tests.Browser;

/// <summary>The web sample on Kestrel, on a free port of the loopback interface, with a database of its own.</summary>
public sealed class BrowserApp : SampleApp
{
    /// <param name="services">Changes to the sample's services (options, say), applied after its own.</param>
    public BrowserApp(Action<IServiceCollection>? services = null)
    {
        TestServices = services;
        UseKestrel(0);
        StartServer();
        Address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Select(a => a.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal))
            .First();
    }

    /// <summary>The server's base address, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string Address { get; }
}
