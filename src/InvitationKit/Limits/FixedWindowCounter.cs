using System.Collections.Concurrent;
using NodaTime;

namespace InvitationKit.Limits;

/// <summary>
/// One <see cref="RateLimitRule"/> as fixed windows per partition, counted on instants the caller reads from the kit's
/// <see cref="IClock"/> (never on wall time, so a fake clock drives it). A partition's window starts at its first
/// request and lasts <see cref="RateLimitRule.Window"/>; at most <see cref="RateLimitRule.PermitLimit"/> permits are
/// granted in it; the first request at or after its end starts the next window with the full limit.
/// </summary>
/// <remarks>
/// Memory follows active partitions only: a partition whose window has ended holds nothing the next request needs, so
/// a sweep drops it. Sweeps run on the requests themselves (no timer), at most once per window, so their cost is
/// spread over the requests that created the partitions. Memory is also bounded: at most
/// <see cref="InvitationRateLimitOptions.MaxTrackedPartitions"/> partitions are held. A request that needs a new
/// partition when that many are held first sweeps the ended ones (at most <see cref="EvictionsPerWindow"/> times per
/// window, so a flood of new keys cannot make every request scan), and is refused when none has ended (fail closed).
/// Thread-safe: each partition is counted under its own lock, and a slot is reserved before a partition is added.
/// </remarks>
internal sealed class FixedWindowCounter
{
    /// <summary>How many times per window a counter that is full may sweep for room.</summary>
    internal const int EvictionsPerWindow = 16;

    private readonly ConcurrentDictionary<string, FixedWindowPartition> _partitions = new(StringComparer.Ordinal);
    private readonly int _permitLimit;
    private readonly Duration _window;
    private readonly int _maxPartitions;
    private readonly long _sweepIntervalTicks;
    private long _nextSweepTicks = long.MinValue;
    private long _nextEvictionTicks = long.MinValue;
    private int _held; // partitions in the dictionary plus slots reserved for ones being added
    private int _sweeping;

    /// <summary>Counts <paramref name="rule"/>, which must be on, in at most <paramref name="maxPartitions"/> partitions.</summary>
    /// <param name="rule">The rule: a positive permit limit and a positive window.</param>
    /// <param name="maxPartitions">The most partitions held at once; at least 1.</param>
    public FixedWindowCounter(RateLimitRule rule, int maxPartitions)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rule.PermitLimit);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxPartitions);
        if (rule.Window <= Duration.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(rule), rule.Window, "A rate limit's window must be positive.");
        }

        (_permitLimit, _window, _maxPartitions) = (rule.PermitLimit, rule.Window, maxPartitions);
        _sweepIntervalTicks = _window < Duration.FromTicks(long.MaxValue) ? Math.Max(_window.BclCompatibleTicks, 1) : long.MaxValue;
    }

    /// <summary>The partitions held now (live windows, and ended ones not yet swept): for tests.</summary>
    internal int PartitionCount => _partitions.Count;

    /// <summary>
    /// Takes <paramref name="permits"/> from the partition's current window, or refuses them with the time left until
    /// it ends. More permits than the rule's limit never fit in a window: they are refused without a retry time. A new
    /// partition that finds the counter full, even after dropping the ended ones, is refused with the whole window as
    /// its retry time (every partition held now has ended by then). The caller sweeps first (<see cref="SweepIfDue"/>):
    /// the limiter sweeps every rule's counter on each request.
    /// </summary>
    /// <param name="key">The partition.</param>
    /// <param name="permits">How many permits; 0 is always granted.</param>
    /// <param name="now">The kit's clock, now.</param>
    /// <returns>The decision.</returns>
    public RateLimitDecision Acquire(string key, int permits, Instant now)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentOutOfRangeException.ThrowIfNegative(permits);
        if (permits > _permitLimit)
        {
            return new RateLimitDecision(false);
        }

        while (true)
        {
            if (!_partitions.TryGetValue(key, out var partition))
            {
                if (!TryReserveSlot(now))
                {
                    return new RateLimitDecision(false, _window);
                }

                partition = new FixedWindowPartition(now);
                if (!_partitions.TryAdd(key, partition))
                {
                    Interlocked.Decrement(ref _held);
                    continue; // another caller added it first: count on theirs
                }
            }

            lock (partition)
            {
                if (partition.Removed)
                {
                    continue; // swept between the lookup and the lock: count on its successor
                }

                var elapsed = now - partition.Start;
                if (elapsed >= _window)
                {
                    (partition.Start, partition.Used, elapsed) = (now, 0, Duration.Zero);
                }
                else if (elapsed < Duration.Zero)
                {
                    // The clock went back (a host reset its fake clock, or the system clock was corrected): keep what
                    // was counted, and let the window last one full length from now rather than past it.
                    (partition.Start, elapsed) = (now, Duration.Zero);
                }

                if (partition.Used + permits <= _permitLimit)
                {
                    partition.Used += permits;
                    return RateLimitDecision.Granted;
                }

                return new RateLimitDecision(false, _window - elapsed);
            }
        }
    }

    /// <summary>
    /// Drops the partitions whose window has ended, when the last sweep is a window ago or more; one caller sweeps at a
    /// time and the others go on.
    /// </summary>
    /// <param name="now">The kit's clock, now.</param>
    public void SweepIfDue(Instant now)
    {
        if (now.ToUnixTimeTicks() >= Interlocked.Read(ref _nextSweepTicks))
        {
            Sweep(now);
        }
    }

    /// <summary>Reserves room for one more partition, sweeping the ended ones first when the counter is full and an eviction is due.</summary>
    private bool TryReserveSlot(Instant now)
    {
        if (Interlocked.Increment(ref _held) <= _maxPartitions)
        {
            return true;
        }

        Interlocked.Decrement(ref _held);
        if (now.ToUnixTimeTicks() < Interlocked.Read(ref _nextEvictionTicks))
        {
            return false;
        }

        Sweep(now);
        if (Interlocked.Increment(ref _held) <= _maxPartitions)
        {
            return true;
        }

        Interlocked.Decrement(ref _held);
        return false;
    }

    private void Sweep(Instant now)
    {
        var ticks = now.ToUnixTimeTicks();
        if (Interlocked.CompareExchange(ref _sweeping, 1, 0) != 0)
        {
            return;
        }

        try
        {
            foreach (var entry in _partitions)
            {
                var partition = entry.Value;
                lock (partition)
                {
                    if (now - partition.Start >= _window)
                    {
                        partition.Removed = true;
                        if (_partitions.TryRemove(entry)) // only this very partition, never a successor under the same key
                        {
                            Interlocked.Decrement(ref _held);
                        }
                    }
                }
            }

            Interlocked.Exchange(ref _nextSweepTicks, After(ticks, _sweepIntervalTicks));
            Interlocked.Exchange(ref _nextEvictionTicks, After(ticks, Math.Max(_sweepIntervalTicks / EvictionsPerWindow, 1)));
        }
        finally
        {
            Volatile.Write(ref _sweeping, 0);
        }
    }

    private static long After(long ticks, long interval) => ticks > long.MaxValue - interval ? long.MaxValue : ticks + interval;
}
