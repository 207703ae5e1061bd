using NodaTime;

namespace InvitationKit;

/// <summary>A fixed-window rate limit: at most <paramref name="PermitLimit"/> permits per <paramref name="Window"/> and partition.</summary>
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
