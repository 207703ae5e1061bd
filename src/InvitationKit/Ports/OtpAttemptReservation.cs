using NodaTime;

namespace InvitationKit.Ports;

/// <summary>The store's answer to <see cref="IOtpBudgetStore.TryReserveOtpAttemptAsync"/>.</summary>
/// <param name="Reserved">Whether an attempt was reserved (counted as a failure until released).</param>
/// <param name="RetryAfter">When refused within a window: how long until the window ends; null when the lifetime budget is spent.</param>
/// <threadsafety>This type is immutable.</threadsafety>
public sealed record OtpAttemptReservation(bool Reserved, Duration? RetryAfter = null)
{
    /// <summary>An attempt was reserved.</summary>
    public static OtpAttemptReservation Granted { get; } = new(true);
}
