using NodaTime;

namespace InvitationKit.Ports;

/// <summary>How many wrong one-time passwords one address may have entered: per rolling window and in all.</summary>
/// <param name="PerWindow">Failures allowed within one <paramref name="Window"/>.</param>
/// <param name="Window">The window's length; it starts at the first failure after the previous window ended.</param>
/// <param name="Lifetime">Failures allowed for the address ever; resends and new invitations never reset it.</param>
/// <threadsafety>This type is immutable.</threadsafety>
public sealed record OtpFailureBudget(int PerWindow, Duration Window, int Lifetime)
{
    /// <summary>
    /// The budget's rule, for stores to apply inside their atomic step: from the stored count (null when the key has
    /// none), decides whether <paramref name="attempt"/> may be reserved and what to store next. When
    /// <paramref name="attempt"/> is the count's <see cref="OtpFailureCount.LastAttempt"/> and its window has not ended,
    /// it is already counted (a retry after a lost reply, or the same code again): granted without charging again.
    /// Otherwise it is charged, when the budget allows, and recorded as the last attempt.
    /// </summary>
    /// <param name="current">The stored count, or null.</param>
    /// <param name="attempt">The attempt: a keyed hash of the address and the presented code.</param>
    /// <param name="now">The current instant.</param>
    /// <param name="next">What to store when reserved; the unchanged count (or null) when refused.</param>
    /// <returns>The reservation.</returns>
    public OtpAttemptReservation TryReserve(OtpFailureCount? current, SecretHash attempt, Instant now, out OtpFailureCount? next)
    {
        if (current is not null && current.LastAttempt == attempt && now < current.WindowStart + Window)
        {
            next = current;
            return OtpAttemptReservation.Granted;
        }

        var count = current is null || now >= current.WindowStart + Window
            ? new OtpFailureCount(now, 0, current?.Total ?? 0)
            : current;
        next = current;
        if (count.Total >= Lifetime)
        {
            return new OtpAttemptReservation(false);
        }

        if (count.InWindow >= PerWindow)
        {
            return new OtpAttemptReservation(false, count.WindowStart + Window - now);
        }

        next = count with { InWindow = count.InWindow + 1, Total = count.Total + 1, LastAttempt = attempt };
        return OtpAttemptReservation.Granted;
    }

    /// <summary>
    /// Whether a guess at the address could match a code, so it is counted (rule 11): some invitation of
    /// <paramref name="pending"/> is a pending new-user invitation with a code, not expired at <paramref name="now"/>.
    /// Guesses at an address without one are never counted, so a stranger's guesses before an invitation cost it nothing
    /// and leave no count behind. <see cref="ICombinedStoreOperations.TryReserveOtpAttemptAndFindPendingAsync"/> applies it.
    /// </summary>
    /// <param name="pending">The address's pending invitations, as read for the comparison.</param>
    /// <param name="now">The current instant.</param>
    /// <returns>Whether a guess is counted.</returns>
    public static bool Guards(IEnumerable<Invitation> pending, Instant now)
    {
        ArgumentNullException.ThrowIfNull(pending);
        return pending.Any(i => i is { Status: InvitationStatus.Pending, Kind: InvitationKind.NewUser, OtpHash: not null } && now < i.ExpiresAt);
    }

    /// <summary>
    /// Whether a store may forget a count (<see cref="IOtpBudgetStore.DeleteLapsedOtpFailuresAsync"/>): its window started
    /// before <paramref name="windowStartedBefore"/> and it has not reached <see cref="Lifetime"/> (a lockout for good).
    /// </summary>
    /// <param name="count">The stored count.</param>
    /// <param name="windowStartedBefore">The instant the kit passed.</param>
    /// <returns>Whether the count may be deleted.</returns>
    public bool CanForget(OtpFailureCount count, Instant windowStartedBefore)
    {
        ArgumentNullException.ThrowIfNull(count);
        return count.WindowStart < windowStartedBefore && count.Total < Lifetime;
    }
}
