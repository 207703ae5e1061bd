using System.Security.Cryptography;
using InvitationKit.Hosting;
using InvitationKit.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace InvitationKit.Tests.Delivery;

/// <summary>InvitationKit.Hosting: the background service drains the outbox, sweeps overdue invitations, and stops cleanly.</summary>
public sealed class BackgroundServiceTests
{
    [Fact]
    public async Task The_background_service_sends_due_mail_and_persists_expiry_then_stops_cleanly()
    {
        var clock = new FakeClock(Instant.FromUtc(2026, 1, 1, 0, 0));
        using var host = BuildHost(clock, o => (o.DispatchInterval, o.ExpiryInterval) = (TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(100)));
        var services = host.Services;
        services.GetRequiredService<InMemoryAccountDirectory>().Add(new AccountInfo("acme", "Acme"));
        var mailer = services.GetRequiredService<CapturingMailer>();
        var store = services.GetRequiredService<InMemoryInvitationStore>();
        Guid retried, overdue;
        await using (var scope = services.CreateAsyncScope())
        {
            var kit = scope.ServiceProvider.GetRequiredService<IInvitationManager>();
            (await kit.AddFoundingOwnerAsync("acme", "owner")).ShouldSucceed();
            overdue = (await kit.InviteAsync(Actor.User("owner"), new InviteRequest("acme", "cloud", [new InviteRecipient("old@example.com")]))).ShouldSucceed().Invitations[0].Id;
            clock.Advance(Duration.FromDays(6));
            mailer.FailWhen = _ => true;
            retried = (await kit.InviteAsync(Actor.User("owner"), new InviteRequest("acme", "cloud", [new InviteRecipient("new@example.com")]))).ShouldSucceed().Invitations[0].Id;
        }

        await host.StartAsync();
        mailer.FailWhen = null;
        clock.Advance(Duration.FromDays(1) + Duration.FromMinutes(1)); // the retry is due; the first invitation has expired
        await WaitUntilAsync(() => store.Invitations.Single(i => i.Id == retried).Delivery == DeliveryState.Sent
            && store.Invitations.Single(i => i.Id == overdue).Status == InvitationStatus.Expired);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await host.StopAsync(timeout.Token);
        Assert.False(timeout.IsCancellationRequested);
        Assert.Single(mailer.Sent, m => m.InvitationId == retried);
    }

    [Fact]
    public async Task The_expiry_sweep_is_due_on_the_kits_clock_not_on_wall_time()
    {
        var clock = new FakeClock(Instant.FromUtc(2026, 1, 1, 0, 0));
        using var host = BuildHost(clock, o => (o.DispatchInterval, o.ExpiryInterval) = (TimeSpan.FromMilliseconds(100), TimeSpan.FromDays(1)), kit: o => o.InvitationLifetime = Duration.FromHours(1));
        var services = host.Services;
        services.GetRequiredService<InMemoryAccountDirectory>().Add(new AccountInfo("acme", "Acme"));
        var store = services.GetRequiredService<InMemoryInvitationStore>();
        await using var scope = services.CreateAsyncScope();
        var kit = scope.ServiceProvider.GetRequiredService<IInvitationManager>();
        (await kit.AddFoundingOwnerAsync("acme", "owner")).ShouldSucceed();
        var first = (await kit.InviteAsync(Actor.User("owner"), new InviteRequest("acme", "cloud", [new InviteRecipient("first@example.com")]))).ShouldSucceed().Invitations[0].Id;
        clock.Advance(Duration.FromHours(2));

        await host.StartAsync(); // the first sweep runs at once
        await WaitUntilAsync(() => store.Invitations.Single(i => i.Id == first).Status == InvitationStatus.Expired);
        var second = (await kit.InviteAsync(Actor.User("owner"), new InviteRequest("acme", "cloud", [new InviteRecipient("second@example.com")]))).ShouldSucceed().Invitations[0].Id;
        clock.Advance(Duration.FromHours(2)); // overdue, but the next sweep is a day after the first on the kit's clock
        await Task.Delay(TimeSpan.FromMilliseconds(500)); // several dispatch intervals
        Assert.Equal(InvitationStatus.Pending, store.Invitations.Single(i => i.Id == second).Status);

        clock.Advance(Duration.FromDays(1)); // the sweep is due: no wall-clock day has to pass
        await WaitUntilAsync(() => store.Invitations.Single(i => i.Id == second).Status == InvitationStatus.Expired);
        await host.StopAsync();
    }

    [Fact]
    public async Task The_next_sweep_is_due_an_interval_after_the_last_one_started_even_when_the_clock_moves_during_it()
    {
        var clock = new FakeClock(Instant.FromUtc(2026, 1, 1, 0, 0));
        using var host = BuildHost(
            clock,
            o => (o.DispatchInterval, o.ExpiryInterval) = (TimeSpan.FromMilliseconds(100), TimeSpan.FromHours(1)),
            s => FaultyStore.Register(s, store => store.AfterOverdueLookup = () => clock.Advance(Duration.FromHours(2))),
            o => o.InvitationLifetime = Duration.FromMinutes(90));
        var services = host.Services;
        services.GetRequiredService<InMemoryAccountDirectory>().Add(new AccountInfo("acme", "Acme"));
        var store = services.GetRequiredService<InMemoryInvitationStore>();
        await using var scope = services.CreateAsyncScope();
        var kit = scope.ServiceProvider.GetRequiredService<IInvitationManager>();
        (await kit.AddFoundingOwnerAsync("acme", "owner")).ShouldSucceed();
        var invited = (await kit.InviteAsync(Actor.User("owner"), new InviteRequest("acme", "cloud", [new InviteRecipient("slow@example.com")]))).ShouldSucceed().Invitations[0].Id;

        // The first sweep finds nothing overdue and takes two hours of the kit's clock; the invitation expired meanwhile,
        // and the next sweep was due an hour after the first began, so it runs at once and not never (the clock is frozen).
        await host.StartAsync();
        await WaitUntilAsync(() => store.Invitations.Single(i => i.Id == invited).Status == InvitationStatus.Expired);
        await host.StopAsync();
    }

    [Fact]
    public async Task A_failing_run_is_logged_and_the_next_interval_runs_again()
    {
        var clock = new FakeClock(Instant.FromUtc(2026, 1, 1, 0, 0));
        var failures = 0;
        using var host = BuildHost(clock, o => o.DispatchInterval = TimeSpan.FromMilliseconds(100), s => s.AddScoped<IInvitationDispatcher>(_ =>
        {
            Interlocked.Increment(ref failures);
            throw new IOException("Simulated database outage.");
        }));
        await host.StartAsync();
        await WaitUntilAsync(() => Volatile.Read(ref failures) >= 3);
        await host.StopAsync();
        Assert.Contains(host.Services.GetRequiredService<CapturingLoggerProvider>().Entries, e => e.Id.Id == 1100);
    }

    [Fact]
    public void Out_of_range_intervals_are_reported_at_start_up()
    {
        using var host = BuildHost(new FakeClock(Instant.FromUtc(2026, 1, 1, 0, 0)), o => (o.DispatchInterval, o.DispatchBatchSize) = (TimeSpan.Zero, 0));
        var error = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<InvitationKitBackgroundOptions>>().Value);
        Assert.Equal(2, error.Failures.Count());
    }

    private static IHost BuildHost(FakeClock clock, Action<InvitationKitBackgroundOptions> configure, Action<IServiceCollection>? more = null, Action<InvitationKitOptions>? kit = null)
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        var logs = new CapturingLoggerProvider();
        builder.Services.AddSingleton(logs);
        builder.Logging.AddProvider(logs);
        builder.Services.AddInvitationKit(o =>
            {
                o.SecretKey = RandomNumberGenerator.GetBytes(32);
                kit?.Invoke(o);
            }).UseInMemoryPorts().UseFakeClock(clock);
        builder.Services.AddInvitationKitBackgroundServices(configure);
        more?.Invoke(builder.Services);
        return builder.Build();
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The background service did not get there within 20 seconds.");
            await Task.Delay(50);
        }
    }
}
