using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace InvitationKit.Hosting;

/// <summary>
/// Drains the mail outbox and sweeps overdue invitations, each on its interval, in a fresh DI scope per run (the kit's
/// services are scoped). A failing run is logged and retried at the next interval; it never stops the host. Safe on
/// many instances: the dispatcher claims each mail by compare-and-swap.
/// </summary>
internal sealed partial class InvitationKitBackgroundService(
    IServiceScopeFactory scopes, IOptions<InvitationKitBackgroundOptions> options, TimeProvider time, ILogger<InvitationKitBackgroundService> logger) : BackgroundService
{
    private readonly InvitationKitBackgroundOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var nextSweep = time.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            await RunSafelyAsync("dispatch", DrainAsync, stoppingToken).ConfigureAwait(false);
            if (time.GetUtcNow() >= nextSweep)
            {
                await RunSafelyAsync("expiry sweep", SweepAsync, stoppingToken).ConfigureAwait(false);
                nextSweep = time.GetUtcNow() + _options.ExpiryInterval;
            }

            try
            {
                await Task.Delay(_options.DispatchInterval, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task DrainAsync(CancellationToken stoppingToken)
    {
        DispatchReport report;
        do
        {
            await using var scope = scopes.CreateAsyncScope();
            report = await scope.ServiceProvider.GetRequiredService<IInvitationDispatcher>().DispatchAsync(_options.DispatchBatchSize, stoppingToken).ConfigureAwait(false);
        }
        while (!stoppingToken.IsCancellationRequested && report.Sent + report.Retrying + report.GivenUp >= _options.DispatchBatchSize);
    }

    private async Task SweepAsync(CancellationToken stoppingToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IInvitationManager>().ExpireOverdueAsync(stoppingToken).ConfigureAwait(false);
    }

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

    [LoggerMessage(EventId = 1100, Level = LogLevel.Error, Message = "The InvitationKit background {What} failed; it runs again at its next interval")]
    private static partial void RunFailed(ILogger logger, Exception exception, string what);
}
