using NodaTime;

namespace InvitationKit.Ports;

/// <summary>
/// Keeps each address's one-time-password failure budget (rule 11). The budget is security state: it must survive
/// restarts and hold across app instances. It shares no transaction with the invitations, so it may be backed separately
/// (a Redis store, say); the EF Core store keeps it in its own table.
/// </summary>
public interface IOtpBudgetStore
{
    /// <summary>
    /// Atomically reserves one one-time-password attempt for an email key against its failure budget, counting it as a
    /// failure in the current window and in the address's lifetime total. The window restarts when <paramref name="now"/>
    /// is at least <see cref="OtpFailureBudget.Window"/> after its start. Refused, reserving nothing, when either count is
    /// already at its limit. However many guesses race, on however many instances, no more attempts are reserved than the
    /// budget allows.
    /// </summary>
    /// <param name="emailKey">The address's email key (known to the kit or not: unknown addresses are budgeted alike).</param>
    /// <param name="budget">The limits.</param>
    /// <param name="now">The current instant.</param>
    /// <param name="cancellationToken">Cancels the operation; then nothing is reserved.</param>
    /// <returns>Whether an attempt was reserved and, if not, when to retry.</returns>
    Task<OtpAttemptReservation> TryReserveOtpAttemptAsync(string emailKey, OtpFailureBudget budget, Instant now, CancellationToken cancellationToken);

    /// <summary>
    /// Returns a reserved attempt (the code was right, or an infrastructure failure prevented checking it): decrements the
    /// window and lifetime counts, never below zero.
    /// </summary>
    /// <param name="emailKey">The address's email key.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the attempt is returned.</returns>
    Task ReleaseOtpAttemptAsync(string emailKey, CancellationToken cancellationToken);
}
