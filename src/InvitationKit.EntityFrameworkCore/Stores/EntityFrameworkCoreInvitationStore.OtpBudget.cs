using InvitationKit.EntityFrameworkCore.Model;
using InvitationKit.Ports;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using static InvitationKit.EntityFrameworkCore.Model.EntityMapping;

namespace InvitationKit.EntityFrameworkCore.Stores;

/// <summary>The one-time-password failure budget of an address: reserved by one atomic statement, released by another.</summary>
internal sealed partial class EntityFrameworkCoreInvitationStore<TContext>
{
    /// <summary>
    /// The one statement that decides and counts (OtpFailureBudget.TryReserve in SQL), atomic on both databases: a new
    /// address starts a window, a lapsed window restarts, and nothing is written (nor returned) when the budget is
    /// spent. The address's last reserved attempt, when it is this one and its window has not ended, is granted again
    /// without counting (a retry after a lost reply); any other attempt is counted and recorded as the last. The email
    /// key's placeholder given, the other values are added to <paramref name="sql"/>. With <paramref name="onlyWhen"/> (a
    /// condition), nothing is inserted or counted unless it holds.
    /// </summary>
    private static string ReserveOtpAttempt(SqlBuilder sql, string key, SecretHash attempt, OtpFailureBudget budget, Instant now, string onlyWhen = "TRUE")
    {
        var at = sql.Value(ToTicks(now));
        var window = sql.Value(budget.Window.BclCompatibleTicks);
        var lifetime = sql.Value(budget.Lifetime);
        var perWindow = sql.Value(budget.PerWindow);
        var hash = sql.Value(attempt.ToArray());
        var again = $"(f.last_attempt = {hash} AND {at} < f.window_start + {window})";
        return $"""
            INSERT INTO {Tables.OtpFailures} AS f (email_key, window_start, in_window, total, last_attempt) SELECT {key}, {at}, 1, 1, {hash} WHERE {onlyWhen}
            ON CONFLICT (email_key) DO UPDATE SET
              window_start = CASE WHEN {again} THEN f.window_start WHEN {at} >= f.window_start + {window} THEN {at} ELSE f.window_start END,
              in_window = CASE WHEN {again} THEN f.in_window WHEN {at} >= f.window_start + {window} THEN 1 ELSE f.in_window + 1 END,
              total = CASE WHEN {again} THEN f.total ELSE f.total + 1 END,
              last_attempt = {hash}
            WHERE {again} OR (f.total < {lifetime} AND ({at} >= f.window_start + {window} OR f.in_window < {perWindow}))
            """;
    }

    /// <summary>
    /// The statement that returns a counted attempt of the address whose email key's placeholder is given, only when it is
    /// the address's last reserved attempt, and forgets it (a second release finds nothing). The attempt's value is added
    /// to <paramref name="sql"/>.
    /// </summary>
    private static string ReleaseOtpAttempt(SqlBuilder sql, string key, SecretHash attempt) =>
        $"UPDATE {Tables.OtpFailures} SET in_window = CASE WHEN in_window > 0 THEN in_window - 1 ELSE 0 END, total = CASE WHEN total > 0 THEN total - 1 ELSE 0 END, last_attempt = NULL "
        + $"WHERE email_key = {key} AND last_attempt = {sql.Value(attempt.ToArray())}";

    public async Task<OtpAttemptReservation> TryReserveOtpAttemptAsync(string emailKey, SecretHash attempt, OtpFailureBudget budget, Instant now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(emailKey);
        ArgumentNullException.ThrowIfNull(budget);
        await OpenAsync(cancellationToken).ConfigureAwait(false);
        if (budget.PerWindow > 0 && budget.Lifetime > 0)
        {
            var sql = new SqlBuilder();
            sql.Append(ReserveOtpAttempt(sql, sql.Value(emailKey), attempt, budget, now));
            if (await RawSql.ExecuteAsync(_context, sql, cancellationToken).ConfigureAwait(false) == 1)
            {
                return OtpAttemptReservation.Granted;
            }
        }

        return await RefusalAsync(emailKey, attempt, budget, now, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The read of the address's pending invitations and the reservation, in one command of two statements. The
    /// reservation comes last, so a failure before it counts nothing: SQLite runs the statements one by one, and
    /// PostgreSQL runs a command's statements in one implicit transaction. It counts only while the address has a live
    /// new-user code (OtpFailureBudget.Guards in SQL), so guesses at any other address write nothing. Once the command
    /// runs, it is read to the end uncancelled, so a cancellation never leaves an attempt counted that the caller was not
    /// told of.
    /// </summary>
    public async Task<OtpReservationRead> TryReserveOtpAttemptAndFindPendingAsync(string emailKey, SecretHash attempt, OtpFailureBudget budget, Instant now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(emailKey);
        ArgumentNullException.ThrowIfNull(budget);
        if (budget.PerWindow <= 0 || budget.Lifetime <= 0)
        {
            return new(await TryReserveOtpAttemptAsync(emailKey, attempt, budget, now, cancellationToken).ConfigureAwait(false), []);
        }

        await OpenAsync(cancellationToken).ConfigureAwait(false);
        var sql = new SqlBuilder();
        var key = sql.Value(emailKey);
        var guarded = $"EXISTS (SELECT 1 FROM {Tables.Invitations} WHERE email_key = {key} AND status = 0 AND kind = 1 AND otp_hash IS NOT NULL AND expires_at > {sql.Value(ToTicks(now))})";
        sql.Statement($"SELECT {EntityColumns<InvitationEntity>.SelectList(_context.Model)} FROM {Tables.Invitations} WHERE email_key = {key} AND status = 0 ORDER BY created_at")
            .Append(ReserveOtpAttempt(sql, key, attempt, budget, now, guarded) + " RETURNING total");
        IReadOnlyList<InvitationEntity> pending;
        bool reserved;
        await using (var reader = await RawSql.ExecuteReaderAsync(_context, sql, cancellationToken).ConfigureAwait(false))
        {
            var rows = reader.DbDataReader;
            pending = await EntityRows.ReadAsync<InvitationEntity>(_context, rows, CancellationToken.None).ConfigureAwait(false);
            await rows.NextResultAsync(CancellationToken.None).ConfigureAwait(false);
            reserved = await rows.ReadAsync(CancellationToken.None).ConfigureAwait(false); // the upsert returns its row only when it counted (or granted this attempt again)
        }

        var invitations = pending.Select(Remember).ToArray();
        return reserved || !OtpFailureBudget.Guards(invitations, now)
            ? new(OtpAttemptReservation.Granted, invitations)
            : new(await RefusalAsync(emailKey, attempt, budget, now, cancellationToken).ConfigureAwait(false), []);
    }

    public async Task ReleaseOtpAttemptAsync(string emailKey, SecretHash attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(emailKey);
        await OpenAsync(cancellationToken).ConfigureAwait(false);
        var sql = new SqlBuilder();
        sql.Append(ReleaseOtpAttempt(sql, sql.Value(emailKey), attempt));
        await RawSql.ExecuteAsync(_context, sql, cancellationToken).ConfigureAwait(false);
    }

    public async Task<int> DeleteLapsedOtpFailuresAsync(OtpFailureBudget budget, Instant windowStartedBefore, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(budget);
        await OpenAsync(cancellationToken).ConfigureAwait(false);
        var before = ToTicks(windowStartedBefore);
        var lifetime = budget.Lifetime;
        return await OtpFailures.Where(f => f.WindowStart < before && f.Total < lifetime).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Refused (or a budget of nothing): reads the count to say when to retry.</summary>
    private async Task<OtpAttemptReservation> RefusalAsync(string emailKey, SecretHash attempt, OtpFailureBudget budget, Instant now, CancellationToken cancellationToken)
    {
        var row = await OtpFailures.AsNoTracking().FirstOrDefaultAsync(f => f.EmailKey == emailKey, cancellationToken).ConfigureAwait(false);
        return budget.TryReserve(row is null ? null : ToCount(row), attempt, now, out _) is { Reserved: false } refusal
            ? refusal
            : new OtpAttemptReservation(false);
    }
}
