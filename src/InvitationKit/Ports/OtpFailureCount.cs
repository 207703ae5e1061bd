using NodaTime;

namespace InvitationKit.Ports;

/// <summary>What a store keeps per email key for <see cref="OtpFailureBudget"/>: the current window and the counts.</summary>
/// <param name="WindowStart">When the current window began.</param>
/// <param name="InWindow">Attempts counted in the current window.</param>
/// <param name="Total">Attempts counted ever.</param>
/// <threadsafety>This type is immutable.</threadsafety>
public sealed record OtpFailureCount(Instant WindowStart, int InWindow, int Total)
{
    /// <summary>The count after a reserved attempt is returned: both counts one lower, never below zero.</summary>
    /// <returns>The new count.</returns>
    public OtpFailureCount Release() => this with { InWindow = Math.Max(0, InWindow - 1), Total = Math.Max(0, Total - 1) };
}
