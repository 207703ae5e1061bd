using InvitationKit.Diagnostics;

namespace InvitationKit;

internal sealed partial class InvitationManager
{
    /// <summary>
    /// Retention: the expiry sweep erases the personal data of invitations finished longer than
    /// <see cref="InvitationKitOptions.FinishedInvitationRetention"/> ago, a batch at a time, until none is due.
    /// Housekeeping, as the sweep's other purges: a failure is logged and tried again by the next sweep.
    /// </summary>
    private async Task EraseFinishedAsync(CancellationToken cancellationToken)
    {
        if (_options.FinishedInvitationRetention is not { } retention)
        {
            return;
        }

        var erased = 0;
        try
        {
            var resolvedBefore = _clock.GetCurrentInstant() - retention;
            int batch;
            do
            {
                batch = await _stores.Maintenance.EraseFinishedAsync(resolvedBefore, ExpireBatchSize, cancellationToken).ConfigureAwait(false);
                erased += batch;
            }
            while (batch == ExpireBatchSize);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            Log.FinishedInvitationsNotErased(_logger, exception);
        }

        if (erased > 0)
        {
            Log.FinishedInvitationsErased(_logger, erased, retention);
        }
    }
}
