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
    /// none), decides whether one more attempt may be reserved and what to store next.
    /// </summary>
    /// <param name="current">The stored count, or null.</param>
    /// <param name="now">The current instant.</param>
    /// <param name="next">What to store when reserved; the unchanged count (or null) when refused.</param>
    /// <returns>The reservation.</returns>
    public OtpAttemptReservation TryReserve(OtpFailureCount? current, Instant now, out OtpFailureCount? next)
    {
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

        next = count with { InWindow = count.InWindow + 1, Total = count.Total + 1 };
        return OtpAttemptReservation.Granted;
    }
}
