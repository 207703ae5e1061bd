using InvitationKit.EntityFrameworkCore.Model;
using InvitationKit.Ports;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using static InvitationKit.EntityFrameworkCore.Model.EntityMapping;

namespace InvitationKit.EntityFrameworkCore.Stores;

/// <summary>The one-time-password failure budget of an address: reserved by one atomic statement, released by another.</summary>
internal sealed partial class EntityFrameworkCoreInvitationStore<TContext>
{
    // One statement decides and counts (OtpFailureBudget.TryReserve in SQL), atomic on both databases: a new address
    // starts a window, a lapsed window restarts, and nothing is written (nor returned) when the budget is spent.
    // Parameters: email key, now, window ticks, lifetime limit, per-window limit.
    private const string ReserveOtpAttemptSql =
        """
        INSERT INTO invitationkit_otp_failures AS f (email_key, window_start, in_window, total) VALUES ({0}, {1}, 1, 1)
        ON CONFLICT (email_key) DO UPDATE SET
          window_start = CASE WHEN {1} >= f.window_start + {2} THEN {1} ELSE f.window_start END,
          in_window = CASE WHEN {1} >= f.window_start + {2} THEN 1 ELSE f.in_window + 1 END,
          total = f.total + 1
        WHERE f.total < {3} AND ({1} >= f.window_start + {2} OR f.in_window < {4})
        """;

    // Followed by the email key's placeholder.
    private const string ReleaseOtpAttemptSql =
        "UPDATE invitationkit_otp_failures SET in_window = CASE WHEN in_window > 0 THEN in_window - 1 ELSE 0 END, total = CASE WHEN total > 0 THEN total - 1 ELSE 0 END WHERE email_key = ";

    public async Task<OtpAttemptReservation> TryReserveOtpAttemptAsync(string emailKey, OtpFailureBudget budget, Instant now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(emailKey);
        ArgumentNullException.ThrowIfNull(budget);
        await OpenAsync(cancellationToken).ConfigureAwait(false);
        if (budget.PerWindow > 0 && budget.Lifetime > 0
            && await _context.Database.ExecuteSqlRawAsync(ReserveOtpAttemptSql, ReserveParameters(emailKey, budget, now), cancellationToken).ConfigureAwait(false) == 1)
        {
            return OtpAttemptReservation.Granted;
        }

        return await RefusalAsync(emailKey, budget, now, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The reservation and the read of the address's pending invitations, in one command of two statements.</summary>
    public async Task<OtpReservationRead> TryReserveOtpAttemptAndFindPendingAsync(string emailKey, OtpFailureBudget budget, Instant now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(emailKey);
        ArgumentNullException.ThrowIfNull(budget);
        if (budget.PerWindow <= 0 || budget.Lifetime <= 0)
        {
            return new(await TryReserveOtpAttemptAsync(emailKey, budget, now, cancellationToken).ConfigureAwait(false), []);
        }

        await OpenAsync(cancellationToken).ConfigureAwait(false);
        var reserved = false;
        try
        {
            await using var reader = await EntityRows.ExecuteReaderAsync(
                _context,
                ReserveOtpAttemptSql + " RETURNING total;\nSELECT * FROM invitationkit_invitations WHERE email_key = {0} AND status = 0 ORDER BY created_at",
                ReserveParameters(emailKey, budget, now),
                cancellationToken).ConfigureAwait(false);
            var rows = reader.DbDataReader;
            reserved = await rows.ReadAsync(cancellationToken).ConfigureAwait(false); // the upsert returns its row only when it counted
            if (reserved)
            {
                // Counted: the rest is read to the end, uncancelled, so a cancellation never makes the release below
                // return an attempt that a cancelled batch did not keep.
                await rows.NextResultAsync(CancellationToken.None).ConfigureAwait(false);
                var pending = await EntityRows.ReadAsync<InvitationEntity>(_context, rows, CancellationToken.None).ConfigureAwait(false);
                return new(OtpAttemptReservation.Granted, [.. pending.Select(Remember)]);
            }
        }
        catch when (reserved)
        {
            // Counted, then the read failed: an infrastructure failure spends no attempt. If the release fails too, the
            // read's failure is still the one thrown, and the address keeps one failure too many.
            try
            {
                await ReleaseOtpAttemptAsync(emailKey, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception)
            {
            }

            throw;
        }

        return new(await RefusalAsync(emailKey, budget, now, cancellationToken).ConfigureAwait(false), []);
    }

    public async Task ReleaseOtpAttemptAsync(string emailKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(emailKey);
        await OpenAsync(cancellationToken).ConfigureAwait(false);
        await _context.Database.ExecuteSqlRawAsync(ReleaseOtpAttemptSql + "{0}", [emailKey], cancellationToken).ConfigureAwait(false);
    }

    private static object[] ReserveParameters(string emailKey, OtpFailureBudget budget, Instant now) =>
        [emailKey, ToTicks(now), budget.Window.BclCompatibleTicks, budget.Lifetime, budget.PerWindow];

    /// <summary>Refused (or a budget of nothing): reads the count to say when to retry.</summary>
    private async Task<OtpAttemptReservation> RefusalAsync(string emailKey, OtpFailureBudget budget, Instant now, CancellationToken cancellationToken)
    {
        var row = await OtpFailures.AsNoTracking().FirstOrDefaultAsync(f => f.EmailKey == emailKey, cancellationToken).ConfigureAwait(false);
        return budget.TryReserve(row is null ? null : ToCount(row), now, out _) is { Reserved: false } refusal
            ? refusal
            : new OtpAttemptReservation(false);
    }
}
