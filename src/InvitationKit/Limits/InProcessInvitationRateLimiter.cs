using Microsoft.Extensions.Options;
using NodaTime;

namespace InvitationKit.Limits;

/// <summary>
/// Fixed windows per (operation, partition) in this process, one <see cref="FixedWindowCounter"/> per rule that is on,
/// all counted on the kit's <see cref="IClock"/>: the clock invitations expire on, so a host's fake clock
/// (<c>UseFakeClock</c>) moves the throttles with everything else, and <see cref="RateLimitDecision.RetryAfter"/> is
/// the time left in the window on that clock.
/// </summary>
/// <remarks>
/// Not built on System.Threading.RateLimiting: its limiters replenish on timers and <c>Stopwatch</c> (wall time), and
/// report the whole window as the retry time. Idle partitions are dropped once their window is over, so memory follows
/// active callers, not all callers ever seen; and each rule holds at most
/// <see cref="InvitationRateLimitOptions.MaxTrackedPartitions"/> partitions, refusing requests for new ones when full.
/// </remarks>
internal sealed class InProcessInvitationRateLimiter : IInvitationRateLimiter
{
    private readonly IClock _clock;
    private readonly Dictionary<RateLimitedOperation, FixedWindowCounter> _counters;

    /// <summary>Creates the counters of the rules that are on; the rules are read once.</summary>
    /// <param name="options">The kit's options; <see cref="InvitationKitOptions.RateLimits"/> holds the rules.</param>
    /// <param name="clock">The kit's clock.</param>
    public InProcessInvitationRateLimiter(IOptions<InvitationKitOptions> options, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        _clock = clock;
        var rules = options.Value.RateLimits;
        _counters = rules.Rules()
            .Where(r => r.Rule.IsOn)
            .ToDictionary(r => r.Operation, r => new FixedWindowCounter(r.Rule, rules.MaxTrackedPartitions));
    }

    /// <summary>The partitions held now, over every rule: for tests.</summary>
    internal int PartitionCount => _counters.Values.Sum(c => c.PartitionCount);

    /// <summary>The partitions one rule holds now: for tests.</summary>
    internal int PartitionCountOf(RateLimitedOperation operation) => _counters.TryGetValue(operation, out var counter) ? counter.PartitionCount : 0;

    /// <inheritdoc />
    public ValueTask<RateLimitDecision> AcquireAsync(RateLimitedOperation operation, string partitionKey, int permits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(partitionKey);
        ArgumentOutOfRangeException.ThrowIfNegative(permits);
        cancellationToken.ThrowIfCancellationRequested();
        var now = _clock.GetCurrentInstant();
        foreach (var counter in _counters.Values)
        {
            counter.SweepIfDue(now); // a rule nobody asks any more still lets go of its partitions
        }

        return ValueTask.FromResult(_counters.TryGetValue(operation, out var rule) ? rule.Acquire(partitionKey, permits, now) : RateLimitDecision.Granted);
    }
}
