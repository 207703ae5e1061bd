using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;

namespace InvitationKit.Hosting;

/// <summary>
/// Drains the mail outbox and sweeps overdue invitations, each on its interval, in a fresh DI scope per run (the kit's
/// services are scoped). A failing run is logged and retried at the next interval; it never stops the host. Safe on
/// many instances: the dispatcher claims each mail by compare-and-swap.
/// </summary>
/// <remarks>
/// <para>
/// One clock: whether a sweep is due is decided on the kit's <see cref="IClock"/>, the clock invitations expire on, so
/// a host's fake clock (<c>UseFakeClock</c>) drives the sweeps exactly as it drives expiry, mail retries and the
/// throttles. With the system clock this is wall time, as before.
/// </para>
/// <para>
/// The pause between two runs is pacing, not domain time: a plain <see cref="Task.Delay(TimeSpan, CancellationToken)"/>
/// of <see cref="InvitationKitBackgroundOptions.DispatchInterval"/>. It bounds the load on the store in real time
/// whatever the kit's clock says: a frozen fake clock does not stop the polling, and one moved a week ahead does not
/// turn it into a busy loop. So the service takes no <see cref="TimeProvider"/>: a second clock would only have to be
/// kept in step with the first, and a host's fake <see cref="TimeProvider"/> (registered for its own code) would
/// silently freeze the outbox.
/// </para>
/// </remarks>
internal sealed partial class InvitationKitBackgroundService(
    IServiceScopeFactory scopes, IOptions<InvitationKitBackgroundOptions> options, IClock clock, ILogger<InvitationKitBackgroundService> logger) : BackgroundService
{
    private readonly InvitationKitBackgroundOptions _options = options.Value;

    /// <summary>Drains, sweeps when due on the kit's clock, pauses; until the host stops.</summary>
    /// <param name="stoppingToken">Signals the host's shutdown.</param>
    /// <returns>A task that completes when the service has stopped.</returns>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var expiryInterval = Duration.FromTimeSpan(_options.ExpiryInterval);
        var nextSweep = clock.GetCurrentInstant();
        while (!stoppingToken.IsCancellationRequested)
        {
            await RunSafelyAsync("dispatch", DrainAsync, stoppingToken).ConfigureAwait(false);
            // The next sweep is due an interval after this one started: read once, before the sweep, so a clock that
            // moves during the sweep (a fake clock advanced by a test, or a long sweep) cannot push past an overdue one.
            var now = clock.GetCurrentInstant();
            if (now >= nextSweep)
            {
                await RunSafelyAsync("expiry sweep", SweepAsync, stoppingToken).ConfigureAwait(false);
                nextSweep = now + expiryInterval;
            }

            try
            {
                await Task.Delay(_options.DispatchInterval, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>Dispatches batches until one comes back short: everything due now is sent.</summary>
    private async Task DrainAsync(CancellationToken stoppingToken)
    {
        DispatchReport report;
        do
        {
            await using var scope = scopes.CreateAsyncScope();
            report = await scope.ServiceProvider.GetRequiredService<IInvitationDispatcher>().DispatchAsync(_options.DispatchBatchSize, stoppingToken).ConfigureAwait(false);
        }
        while (!stoppingToken.IsCancellationRequested && report.Sent + report.Retrying + report.GivenUp + report.Deferred >= _options.DispatchBatchSize);
    }

    /// <summary>Persists the expired status of every overdue invitation.</summary>
    private async Task SweepAsync(CancellationToken stoppingToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IInvitationManager>().ExpireOverdueAsync(stoppingToken).ConfigureAwait(false);
    }

    /// <summary>Runs one job; a failure is logged, never thrown, and shutdown is no failure.</summary>
    private async Task RunSafelyAsync(string what, Func<CancellationToken, Task> run, CancellationToken stoppingToken)
    {
        try
        {
            await run(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: whatever was in flight is left to its lease.
        }
        catch (Exception exception)
        {
            RunFailed(logger, exception, what);
        }
    }

    /// <summary>Event 1100: a run failed and waits for its next interval.</summary>
    [LoggerMessage(EventId = 1100, Level = LogLevel.Error, Message = "The InvitationKit background {What} failed; it runs again at its next interval")]
    private static partial void RunFailed(ILogger logger, Exception exception, string what);
}
