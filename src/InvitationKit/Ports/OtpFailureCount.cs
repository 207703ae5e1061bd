using NodaTime;

namespace InvitationKit.Ports;

/// <summary>
/// What a store keeps per email key for <see cref="OtpFailureBudget"/>: the current window, the counts, and the last
/// attempt reserved and not yet released (so a retry of that attempt is not charged again, and its release returns it
/// once).
/// </summary>
/// <param name="WindowStart">When the current window began.</param>
/// <param name="InWindow">Attempts counted in the current window.</param>
/// <param name="Total">Attempts counted ever.</param>
/// <threadsafety>This type is immutable.</threadsafety>
public sealed record OtpFailureCount(Instant WindowStart, int InWindow, int Total)
{
    /// <summary>
    /// The last attempt reserved (a keyed hash of the address and the presented code, revealing nothing about the code)
    /// and still counted; null when it was released or none was recorded.
    /// </summary>
    public SecretHash? LastAttempt { get; init; }

    /// <summary>
    /// The count after <paramref name="attempt"/> is returned: when it is the last reserved attempt, both counts one lower
    /// (never below zero) and the attempt forgotten, so releasing it again returns nothing; otherwise unchanged (another
    /// attempt was reserved since: nothing is returned, which leaves one failure too many, never too few).
    /// </summary>
    /// <param name="attempt">The attempt to return.</param>
    /// <returns>The new count.</returns>
    public OtpFailureCount Release(SecretHash attempt) => LastAttempt == attempt
        ? this with { InWindow = Math.Max(0, InWindow - 1), Total = Math.Max(0, Total - 1), LastAttempt = null }
        : this;
}
