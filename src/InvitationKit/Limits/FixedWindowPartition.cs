using NodaTime;

namespace InvitationKit.Limits;

/// <summary>
/// The current window of one partition of a <see cref="FixedWindowCounter"/>: when it started and how many permits it
/// has handed out. Every member is read and written under the instance's own lock.
/// </summary>
/// <param name="start">The instant the window starts: the partition's first request.</param>
internal sealed class FixedWindowPartition(Instant start)
{
    /// <summary>The instant the current window started.</summary>
    public Instant Start { get; set; } = start;

    /// <summary>The permits handed out in the current window.</summary>
    public int Used { get; set; }

    /// <summary>
    /// Whether a sweep has taken the partition out of its counter. A caller that found it before that must look the
    /// partition up again, or the permits it takes would be counted on an object nobody sees any more.
    /// </summary>
    public bool Removed { get; set; }
}
