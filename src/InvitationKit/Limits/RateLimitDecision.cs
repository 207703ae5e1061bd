using NodaTime;

namespace InvitationKit.Limits;

/// <summary>A rate limiter's answer.</summary>
/// <param name="Acquired">Whether the permits were granted.</param>
/// <param name="RetryAfter">When refused: how long to wait, if the limiter knows.</param>
public readonly record struct RateLimitDecision(bool Acquired, Duration? RetryAfter = null)
{
    /// <summary>Granted.</summary>
    public static RateLimitDecision Granted => new(true);
}
