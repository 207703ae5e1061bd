using InvitationKit.Ports;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using static InvitationKit.EntityFrameworkCore.Model.EntityMapping;

namespace InvitationKit.EntityFrameworkCore.Stores;

/// <summary>The one-time-password failure budget of an address: reserved by one atomic statement, returned by another.</summary>
internal sealed partial class EntityFrameworkCoreInvitationStore<TContext>
{
    public async Task<OtpAttemptReservation> TryReserveOtpAttemptAsync(string emailKey, OtpFailureBudget budget, Instant now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(emailKey);
        ArgumentNullException.ThrowIfNull(budget);
        await OpenAsync(cancellationToken).ConfigureAwait(false);
        if (budget.PerWindow > 0 && budget.Lifetime > 0)
        {
            // One statement decides and counts (OtpFailureBudget.TryReserve in SQL), atomic on both databases: a new
            // address starts a window, a lapsed window restarts, and nothing is written when the budget is spent.
            var reserved = await _context.Database.ExecuteSqlRawAsync(
                """
                INSERT INTO invitationkit_otp_failures AS f (email_key, window_start, in_window, total) VALUES ({0}, {1}, 1, 1)
                ON CONFLICT (email_key) DO UPDATE SET
                  window_start = CASE WHEN {1} >= f.window_start + {2} THEN {1} ELSE f.window_start END,
                  in_window = CASE WHEN {1} >= f.window_start + {2} THEN 1 ELSE f.in_window + 1 END,
                  total = f.total + 1
                WHERE f.total < {3} AND ({1} >= f.window_start + {2} OR f.in_window < {4})
                """,
                [emailKey, ToTicks(now), budget.Window.BclCompatibleTicks, budget.Lifetime, budget.PerWindow],
                cancellationToken).ConfigureAwait(false);
            if (reserved == 1)
            {
                return OtpAttemptReservation.Granted;
            }
        }

        // Refused (or a budget of nothing): read the count to say when to retry.
        var row = await OtpFailures.AsNoTracking().FirstOrDefaultAsync(f => f.EmailKey == emailKey, cancellationToken).ConfigureAwait(false);
        return budget.TryReserve(row is null ? null : ToCount(row), now, out _) is { Reserved: false } refusal
            ? refusal
            : new OtpAttemptReservation(false);
    }

    public async Task ReleaseOtpAttemptAsync(string emailKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(emailKey);
        await OpenAsync(cancellationToken).ConfigureAwait(false);
        await OtpFailures.Where(f => f.EmailKey == emailKey).ExecuteUpdateAsync(
            s => s.SetProperty(f => f.InWindow, f => f.InWindow > 0 ? f.InWindow - 1 : 0).SetProperty(f => f.Total, f => f.Total > 0 ? f.Total - 1 : 0),
            cancellationToken).ConfigureAwait(false);
    }
}
