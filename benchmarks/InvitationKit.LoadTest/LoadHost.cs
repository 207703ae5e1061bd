using InvitationKit.EntityFrameworkCore;
using InvitationKit.Ports;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using NodaTime;

namespace InvitationKit.LoadTest;

/// <summary>
/// One app instance of the load run, as an adopter's would be on PostgreSQL: the EF Core store on a pooled context, the
/// throttles in the database (<c>UseEntityFrameworkCoreRateLimiter</c>, so they hold over both instances), the hosted
/// dispatcher and sweeper (InvitationKit.Hosting), and <c>MapInvitationKit("/api")</c> on Kestrel over loopback. Only the
/// edges are the load run's own: users and accounts derived from their ids (<see cref="LoadUsers"/>,
/// <see cref="LoadAccounts"/>), a header sign-in (<see cref="HeaderAuthenticationHandler"/>) and a recording mailer with
/// its test hook, <c>GET /load/mail</c>.
/// </summary>
public static class LoadHost
{
    /// <summary>The invitation throttles of the load run: high enough that the load is never refused for its rate, yet
    /// every invite still counts them in the database, as a real host's would.</summary>
    public const int InvitesPerHour = 1_000_000;

    /// <summary>The kit as every instance (and the run's seeding) configures it.</summary>
    /// <param name="services">The services.</param>
    /// <param name="connectionString">The PostgreSQL database.</param>
    /// <param name="key">The secret key, the same in every instance.</param>
    /// <param name="mailer">The instance's mailer.</param>
    public static void AddKit(IServiceCollection services, string connectionString, byte[] key, IInvitationMailer mailer)
    {
        var pooled = new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = 40 }.ConnectionString;
        services.AddPooledDbContextFactory<InvitationKitDbContext>(o => o.UseNpgsql(pooled));
        services.AddSingleton<IUserDirectory, LoadUsers>();
        services.AddSingleton<IAccountDirectory, LoadAccounts>();
        services.AddSingleton(mailer);
        services.AddInvitationKit(o =>
            {
                o.SecretKey = key;
                o.RateLimits.InvitesPerActor = new RateLimitRule(InvitesPerHour, Duration.FromHours(1));
                o.RateLimits.InvitesPerAccount = new RateLimitRule(InvitesPerHour, Duration.FromHours(1));
                o.Delivery.FirstRetryDelay = Duration.FromSeconds(1); // a failed mail is due again within the run
            })
            .UseEntityFrameworkCore<InvitationKitDbContext>()
            .UseEntityFrameworkCoreRateLimiter<InvitationKitDbContext>();
    }

    /// <summary>Starts an instance on a free loopback port.</summary>
    /// <param name="connectionString">The PostgreSQL database, with the kit's schema applied.</param>
    /// <param name="key">The secret key, the same in every instance.</param>
    /// <param name="instance">The instance's name, recorded with its mail.</param>
    /// <param name="mailFailureRate">The share of first mail attempts that fail (0 to 1).</param>
    /// <returns>The started app and its address.</returns>
    public static async Task<(WebApplication App, Uri Address)> StartAsync(string connectionString, byte[] key, string instance, double mailFailureRate)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders().AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, 0));
        var mailer = new RecordingMailer(instance, mailFailureRate);
        AddKit(builder.Services, connectionString, key, mailer);
        builder.Services.AddInvitationKitBackgroundServices(o => o.DispatchInterval = TimeSpan.FromSeconds(1));
        builder.Services.AddAuthentication(HeaderAuthenticationHandler.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, HeaderAuthenticationHandler>(HeaderAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorization();

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapInvitationKit("/api");
        app.MapGet("/load/mail", () => Results.Ok(mailer.Sent));
        app.MapGet("/load/mail/{invitationId:guid}", (Guid invitationId) => mailer.LatestOf(invitationId) is { } mail ? Results.Ok(mail) : Results.NotFound());
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return (app, new Uri(address));
    }
}
