using InvitationKit.Limits;
using Microsoft.Extensions.Options;

namespace InvitationKit.Tests.Rules;

/// <summary>
/// The default <see cref="IInvitationRateLimiter"/> on its own: fixed windows per partition on the kit's clock, an exact
/// retry time, thread safety, and memory that lets go of idle partitions.
/// </summary>
public sealed class InProcessRateLimiterTests
{
    private readonly FakeClock _clock = new(Instant.FromUtc(2026, 1, 1, 0, 0));

    [Fact]
    public async Task A_window_starts_at_the_first_request_and_its_retry_time_counts_down_on_the_clock()
    {
        var limiter = Limiter(new InvitationRateLimitOptions { ResendsPerInvitation = new RateLimitRule(3, Duration.FromMinutes(10)) });
        Assert.True((await AcquireAsync(limiter, "a", 2)).Acquired);
        _clock.Advance(Duration.FromMinutes(4));
        Assert.True((await AcquireAsync(limiter, "a", 1)).Acquired);
        Assert.Equal(new RateLimitDecision(false, Duration.FromMinutes(6)), await AcquireAsync(limiter, "a", 1));
        Assert.True((await AcquireAsync(limiter, "b", 3)).Acquired); // another partition has a window of its own

        _clock.Advance(Duration.FromMinutes(6) - Duration.FromTicks(1));
        Assert.Equal(new RateLimitDecision(false, Duration.FromTicks(1)), await AcquireAsync(limiter, "a", 1));
        _clock.Advance(Duration.FromTicks(1));
        Assert.True((await AcquireAsync(limiter, "a", 3)).Acquired); // the next window holds the full limit
        Assert.Equal(new RateLimitDecision(false, Duration.FromMinutes(10)), await AcquireAsync(limiter, "a", 1));
    }

    [Fact]
    public async Task A_clock_that_goes_back_keeps_what_was_counted_for_at_most_one_window()
    {
        var limiter = Limiter(new InvitationRateLimitOptions { ResendsPerInvitation = new RateLimitRule(1, Duration.FromHours(1)) });
        Assert.True((await AcquireAsync(limiter, "a", 1)).Acquired);
        _clock.Reset(_clock.GetCurrentInstant() - Duration.FromDays(1));
        Assert.Equal(new RateLimitDecision(false, Duration.FromHours(1)), await AcquireAsync(limiter, "a", 1));
        _clock.Advance(Duration.FromHours(1));
        Assert.True((await AcquireAsync(limiter, "a", 1)).Acquired);
    }

    [Fact]
    public async Task More_permits_than_a_window_holds_are_refused_without_a_retry_time_and_rules_that_are_off_never_refuse()
    {
        var limiter = Limiter(new InvitationRateLimitOptions { ResendsPerInvitation = new RateLimitRule(3, Duration.FromHours(1)), InvitesPerActor = RateLimitRule.Off });
        Assert.Equal(new RateLimitDecision(false), await AcquireAsync(limiter, "a", 4));
        Assert.True((await AcquireAsync(limiter, "a", 3)).Acquired); // the refusal took nothing
        Assert.True((await AcquireAsync(limiter, "a", 0)).Acquired);
        Assert.True((await limiter.AcquireAsync(RateLimitedOperation.InviteByActor, "a", 1_000_000, default)).Acquired);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await AcquireAsync(limiter, "a", -1));
    }

    [Fact]
    public async Task Partitions_idle_for_longer_than_their_window_are_dropped()
    {
        var limiter = Limiter(new InvitationRateLimitOptions
        {
            ResendsPerInvitation = new RateLimitRule(1, Duration.FromHours(1)),
            ActivationsPerAddress = new RateLimitRule(1, Duration.FromMinutes(15)),
            ActivationsPerPartition = RateLimitRule.Off,
        });
        for (var i = 0; i < 1000; i++)
        {
            Assert.True((await AcquireAsync(limiter, $"invitation-{i}", 1)).Acquired);
            await limiter.AcquireAsync(RateLimitedOperation.ActivateByAddress, $"address-{i % 10}", 1, default);
        }

        Assert.Equal(1010, limiter.PartitionCount);
        _clock.Advance(Duration.FromMinutes(15) - Duration.FromTicks(1));
        await limiter.AcquireAsync(RateLimitedOperation.ActivateByPartition, "any", 1, default); // a rule that is off keeps nothing
        Assert.Equal(1010, limiter.PartitionCount);

        _clock.Advance(Duration.FromTicks(1)); // the addresses' windows are over; any request sweeps them
        await limiter.AcquireAsync(RateLimitedOperation.ActivateByPartition, "any", 1, default);
        Assert.Equal(1000, limiter.PartitionCount);

        _clock.Advance(Duration.FromMinutes(45));
        await limiter.AcquireAsync(RateLimitedOperation.ActivateByPartition, "any", 1, default);
        Assert.Equal(0, limiter.PartitionCount);
        Assert.True((await AcquireAsync(limiter, "invitation-0", 1)).Acquired); // a dropped partition starts afresh
    }

    [Fact]
    public async Task Concurrent_callers_never_get_more_than_the_limit_of_a_window()
    {
        var limiter = Limiter(new InvitationRateLimitOptions { ResendsPerInvitation = new RateLimitRule(100, Duration.FromHours(1)) });
        var granted = new int[8];
        await Parallel.ForAsync(0, 8 * 1000, async (i, _) =>
        {
            if ((await AcquireAsync(limiter, $"k{i % 8}", 1)).Acquired)
            {
                Interlocked.Increment(ref granted[i % 8]);
            }
        });
        Assert.All(granted, count => Assert.Equal(100, count));

        _clock.Advance(Duration.FromHours(1));
        Array.Clear(granted);
        await Parallel.ForAsync(0, 8 * 1000, async (i, _) =>
        {
            if ((await AcquireAsync(limiter, $"k{i % 8}", 1)).Acquired)
            {
                Interlocked.Increment(ref granted[i % 8]);
            }
        });
        Assert.All(granted, count => Assert.Equal(100, count));
    }

    [Fact]
    public async Task A_full_rule_refuses_new_partitions_for_a_window_and_keeps_counting_the_ones_it_holds()
    {
        var limiter = Limiter(new InvitationRateLimitOptions { ResendsPerInvitation = new RateLimitRule(2, Duration.FromHours(1)), MaxTrackedPartitions = 3 });
        for (var i = 0; i < 3; i++)
        {
            Assert.True((await AcquireAsync(limiter, $"k{i}", 1)).Acquired);
        }

        Assert.Equal(new RateLimitDecision(false, Duration.FromHours(1)), await AcquireAsync(limiter, "new", 1));
        Assert.True((await AcquireAsync(limiter, "k0", 1)).Acquired);
        Assert.Equal(new RateLimitDecision(false, Duration.FromHours(1)), await AcquireAsync(limiter, "k0", 1));
        Assert.Equal(3, limiter.PartitionCount);
        Assert.Equal(0, limiter.PartitionCountOf(RateLimitedOperation.InviteByActor)); // each rule has a bound of its own
        Assert.True((await limiter.AcquireAsync(RateLimitedOperation.InviteByActor, "new", 1, default)).Acquired);
    }

    [Fact]
    public async Task A_full_rule_drops_its_ended_partitions_for_a_new_one_before_its_next_sweep()
    {
        var limiter = Limiter(new InvitationRateLimitOptions { ResendsPerInvitation = new RateLimitRule(1, Duration.FromHours(1)), MaxTrackedPartitions = 3 });
        Assert.True((await AcquireAsync(limiter, "first", 1)).Acquired); // the rule's sweep is next due in an hour
        _clock.Advance(Duration.FromMinutes(30));
        Assert.True((await AcquireAsync(limiter, "a", 1)).Acquired);
        Assert.True((await AcquireAsync(limiter, "b", 1)).Acquired);
        _clock.Advance(Duration.FromMinutes(30));
        Assert.True((await AcquireAsync(limiter, "c", 1)).Acquired); // the sweep dropped "first"; a and b live on

        _clock.Advance(Duration.FromMinutes(30)); // a and b have ended, the next sweep is half an hour away
        Assert.True((await AcquireAsync(limiter, "d", 1)).Acquired);
        Assert.True((await AcquireAsync(limiter, "e", 1)).Acquired);
        Assert.Equal(3, limiter.PartitionCount);
        Assert.False((await AcquireAsync(limiter, "f", 1)).Acquired); // c, d and e are live: full
    }

    [Fact]
    public async Task Concurrent_new_partitions_never_exceed_the_bound()
    {
        var limiter = Limiter(new InvitationRateLimitOptions { ResendsPerInvitation = new RateLimitRule(1, Duration.FromHours(1)), MaxTrackedPartitions = 500 });
        var granted = 0;
        await Parallel.ForAsync(0, 20_000, async (i, _) =>
        {
            if ((await AcquireAsync(limiter, $"k{i}", 1)).Acquired)
            {
                Interlocked.Increment(ref granted);
            }
        });

        Assert.Equal((500, 500), (granted, limiter.PartitionCount));
    }

    private InProcessInvitationRateLimiter Limiter(InvitationRateLimitOptions rules) =>
        new(Options.Create(new InvitationKitOptions { RateLimits = rules }), _clock);

    private static ValueTask<RateLimitDecision> AcquireAsync(InProcessInvitationRateLimiter limiter, string key, int permits) =>
        limiter.AcquireAsync(RateLimitedOperation.Resend, key, permits, default);
}
