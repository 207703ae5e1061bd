using NodaTime;

namespace InvitationKit;

/// <summary>
/// A fixed-window rate limit: at most <paramref name="PermitLimit"/> permits per <paramref name="Window"/> and partition.
/// A partition's window starts at its first request and is measured on the kit's <see cref="IClock"/>; the first request
/// at or after its end starts the next one with the full limit.
/// </summary>
/// <param name="PermitLimit">Permits per window; 0 turns the limit off.</param>
/// <param name="Window">The window's length.</param>
/// <threadsafety>This type is immutable.</threadsafety>
public sealed record RateLimitRule(int PermitLimit, Duration Window)
{
    /// <summary>No limit.</summary>
    public static RateLimitRule Off { get; } = new(0, Duration.FromMinutes(1));

    /// <summary>Whether the rule limits anything.</summary>
    public bool IsOn => PermitLimit > 0;
}
