using InvitationKit.Limits;
using InvitationKit.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace InvitationKit.Tests.Attacks;

/// <summary>
/// Issue 24, finding 12: growing the in-process limiter's memory with requests it refuses anyway. The limiter is in
/// memory whatever the store, so these run once.
/// </summary>
public sealed class LimiterMemoryAttackTests
{
    private const int Requests = 100_000;

    [Fact]
    public async Task A_refused_client_spraying_addresses_adds_no_partition_to_the_limiter()
    {
        await using var kit = await TestKit.CreateAsync(o => o.RateLimits = new InvitationRateLimitOptions()); // the shipped throttles
        var limiter = Limiter(kit);
        for (var i = 0; i < 30; i++)
        {
            (await kit.Manager.ActivateAsync(AttackTests.Activation($"spray{i}@victim.example", "123456", "203.0.113.7"))).ShouldFailWith(InvitationErrorCode.OtpInvalid);
        }

        var held = limiter.PartitionCount;
        for (var i = 30; i < 30 + Requests; i++)
        {
            var refused = await kit.Manager.ActivateAsync(AttackTests.Activation($"spray{i}@victim.example", "123456", "203.0.113.7"));
            Assert.Equal(InvitationErrorCode.RateLimited, refused.Errors[0].Code);
        }

        Assert.Equal(held, limiter.PartitionCount);
    }

    [Fact]
    public async Task Clients_rotating_their_key_keep_the_limiter_within_its_bound_and_it_fails_closed()
    {
        const int bound = 1_000;
        await using var kit = await TestKit.CreateAsync(o => o.RateLimits = new InvitationRateLimitOptions { MaxTrackedPartitions = bound });
        var limiter = Limiter(kit);
        (await kit.Manager.ActivateAsync(AttackTests.Activation("known@example.com", "123456", "198.51.100.1"))).ShouldFailWith(InvitationErrorCode.OtpInvalid);

        // Each request comes from a new IPv6 address and names a new address.
        var refused = 0;
        for (var i = 0; i < Requests; i++)
        {
            var result = await kit.Manager.ActivateAsync(AttackTests.Activation($"spray{i}@victim.example", "123456", $"2001:db8::{i:x}"));
            refused += result.Errors[0].Code == InvitationErrorCode.RateLimited ? 1 : 0;
        }

        Assert.InRange(limiter.PartitionCountOf(RateLimitedOperation.ActivateByPartition), 0, bound);
        Assert.InRange(limiter.PartitionCountOf(RateLimitedOperation.ActivateByAddress), 0, bound);
        Assert.Equal(Requests - (bound - 1), refused);

        // Full: a client it holds is still counted, a new one is refused for a window; then the ended ones make room.
        (await kit.Manager.ActivateAsync(AttackTests.Activation("known@example.com", "123456", "198.51.100.1"))).ShouldFailWith(InvitationErrorCode.OtpInvalid);
        var limited = (await kit.Manager.ActivateAsync(AttackTests.Activation("new@example.com", "123456", "192.0.2.1"))).ShouldFailWith(InvitationErrorCode.RateLimited).Single();
        Assert.Equal(Duration.FromMinutes(15), limited.RetryAfter);
        kit.Clock.Advance(Duration.FromMinutes(15));
        (await kit.Manager.ActivateAsync(AttackTests.Activation("new@example.com", "123456", "192.0.2.1"))).ShouldFailWith(InvitationErrorCode.OtpInvalid);
    }

    private static InProcessInvitationRateLimiter Limiter(TestKit kit) => (InProcessInvitationRateLimiter)kit.Services.GetRequiredService<IInvitationRateLimiter>();
}
