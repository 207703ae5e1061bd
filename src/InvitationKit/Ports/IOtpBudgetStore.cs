using NodaTime;

namespace InvitationKit.Ports;

/// <summary>
/// Keeps the one-time-password failure budgets (rule 11): each address's, and each invitation page's. A budget is
/// security state: it must survive restarts and hold across app instances. It shares no transaction with the invitations, so it may be backed separately
/// (a Redis store, say); the EF Core store keeps it in its own table.
/// </summary>
public interface IOtpBudgetStore
{
    /// <summary>
    /// Atomically reserves one one-time-password attempt for an email key against its failure budget, counting it as a
    /// failure in the current window and in the address's lifetime total, and records <paramref name="attempt"/> as the
    /// address's last reserved attempt. The window restarts when <paramref name="now"/> is at least
    /// <see cref="OtpFailureBudget.Window"/> after its start. Refused, reserving nothing, when either count is already at
    /// its limit. Idempotent per attempt: when <paramref name="attempt"/> is the address's last reserved attempt and is
    /// still counted in the current window (a retry after a lost reply), it is granted without being counted again.
    /// However many different attempts race, on however many instances, no more are reserved than the budget allows.
    /// <see cref="OtpFailureBudget.TryReserve"/> is the rule.
    /// </summary>
    /// <param name="emailKey">
    /// The budget's key, an opaque string: an address's email key, or <c>invitation:</c> and an invitation's id for the
    /// budget of the guesses made from that invitation's page (rule 11).
    /// </param>
    /// <param name="attempt">
    /// Identifies the attempt: the kit's keyed hash of the email key and the presented code. Store it as given; it reveals
    /// nothing about the code.
    /// </param>
    /// <param name="budget">The limits.</param>
    /// <param name="now">The current instant.</param>
    /// <param name="cancellationToken">Cancels the operation; then nothing is reserved.</param>
    /// <returns>Whether an attempt was reserved and, if not, when to retry.</returns>
    Task<OtpAttemptReservation> TryReserveOtpAttemptAsync(string emailKey, SecretHash attempt, OtpFailureBudget budget, Instant now, CancellationToken cancellationToken);

    /// <summary>
    /// Returns a reserved attempt (its code was right): only when <paramref name="attempt"/> is the address's last
    /// reserved attempt, decrements the window and lifetime counts (never below zero) and forgets the attempt, so
    /// releasing it twice returns one. When another attempt was reserved since, nothing is returned (one failure too
    /// many, never too few). <see cref="OtpFailureCount.Release"/> is the rule; releasing an unknown key does nothing.
    /// </summary>
    /// <param name="emailKey">The budget's key, as reserved.</param>
    /// <param name="attempt">The attempt to return, as it was reserved.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the attempt is returned.</returns>
    Task ReleaseOtpAttemptAsync(string emailKey, SecretHash attempt, CancellationToken cancellationToken);

    /// <summary>
    /// Forgets the counts nothing depends on any more (the expiry sweep's housekeeping, so the addresses an anonymous
    /// caller sprays with attempts do not stay for ever): deletes every count whose window started before
    /// <paramref name="windowStartedBefore"/>, except a count at the budget's lifetime cap (that address is locked out for
    /// good). <see cref="OtpFailureBudget.CanForget"/> is the rule. The kit passes an instant at least
    /// <see cref="OtpFailureBudget.Window"/> plus the longest a code lives before now, so no window still running and no
    /// code a counted attempt could have matched is forgotten. A store whose counts expire by themselves (a Redis key's
    /// time to live, set the same way) may delete nothing and return 0.
    /// </summary>
    /// <param name="budget">The limits (the lifetime cap spares the counts that reached it).</param>
    /// <param name="windowStartedBefore">Counts whose window started before this are deleted.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>How many counts were deleted.</returns>
    Task<int> DeleteLapsedOtpFailuresAsync(OtpFailureBudget budget, Instant windowStartedBefore, CancellationToken cancellationToken);
}
