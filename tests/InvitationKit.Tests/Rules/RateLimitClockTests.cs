using InvitationKit.Tests.Infrastructure;

namespace InvitationKit.Tests.Rules;

/// <summary>
/// Issue 19, one clock: the throttles run on the kit's <see cref="IClock"/>, so the fake clock of
/// <c>UseFakeClock</c> opens a new window exactly when it passes the old one's end, and not a tick before.
/// </summary>
public sealed class RateLimitClockTests
{
    [Fact]
    public async Task An_exhausted_invite_throttle_refuses_until_the_fake_clock_ends_its_window_then_grants()
    {
        await using var kit = await TestKit.CreateAsync(o => o.RateLimits.InvitesPerActor = new RateLimitRule(3, Duration.FromHours(1)));
        (await kit.InviteAsync("a@example.com", "b@example.com", "c@example.com")).ShouldSucceed();
        Assert.Equal(Duration.FromHours(1), (await kit.InviteAsync("d@example.com")).ShouldFailWith(InvitationErrorCode.RateLimited).Single().RetryAfter);

        kit.Clock.Advance(Duration.FromHours(1) - Duration.FromSeconds(1));
        Assert.Equal(Duration.FromSeconds(1), (await kit.InviteAsync("d@example.com")).ShouldFailWith(InvitationErrorCode.RateLimited).Single().RetryAfter);

        kit.Clock.Advance(Duration.FromSeconds(1));
        (await kit.InviteAsync("d@example.com", "e@example.com", "f@example.com")).ShouldSucceed();
        (await kit.InviteAsync("g@example.com")).ShouldFailWith(InvitationErrorCode.RateLimited);

        kit.Clock.Advance(Duration.FromHours(25)); // a day later, as a test that moves invitations through a week does
        (await kit.InviteAsync("g@example.com")).ShouldSucceed();
    }

    [Fact]
    public async Task An_exhausted_resend_throttle_refuses_just_before_its_window_ends_and_grants_at_its_end()
    {
        await using var kit = await TestKit.CreateAsync(o => o.RateLimits.ResendsPerInvitation = new RateLimitRule(2, Duration.FromHours(1)));
        var id = await kit.InviteOneAsync("a@example.com");
        var other = await kit.InviteOneAsync("b@example.com");
        (await kit.Manager.ResendAsync(kit.Owner, id)).ShouldSucceed();
        kit.Clock.Advance(Duration.FromMinutes(20));
        (await kit.Manager.ResendAsync(kit.Owner, id)).ShouldSucceed();
        Assert.Equal(Duration.FromMinutes(40), (await kit.Manager.ResendAsync(kit.Owner, id)).ShouldFailWith(InvitationErrorCode.RateLimited).Single().RetryAfter);
        (await kit.Manager.ResendAsync(kit.Owner, other)).ShouldSucceed(); // each invitation has its own window

        kit.Clock.Advance(Duration.FromMinutes(40) - Duration.FromMilliseconds(1));
        Assert.Equal(Duration.FromMilliseconds(1), (await kit.Manager.ResendAsync(kit.Owner, id)).ShouldFailWith(InvitationErrorCode.RateLimited).Single().RetryAfter);

        kit.Clock.Advance(Duration.FromMilliseconds(1));
        (await kit.Manager.ResendAsync(kit.Owner, id)).ShouldSucceed();
    }

    [Fact]
    public async Task A_batch_larger_than_the_throttle_allows_is_refused_without_a_retry_time_and_costs_nothing()
    {
        await using var kit = await TestKit.CreateAsync(o => o.RateLimits.InvitesPerActor = new RateLimitRule(2, Duration.FromHours(1)));
        var refused = (await kit.InviteAsync("a@example.com", "b@example.com", "c@example.com")).ShouldFailWith(InvitationErrorCode.RateLimited).Single();
        Assert.Null(refused.RetryAfter); // no window will ever hold three
        (await kit.InviteAsync("a@example.com", "b@example.com")).ShouldSucceed();
    }

    [Fact]
    public async Task An_exhausted_activation_throttle_grants_again_after_its_window_on_the_fake_clock()
    {
        await using var kit = await TestKit.CreateAsync(o => o.RateLimits.ActivationsPerAddress = new RateLimitRule(2, Duration.FromMinutes(15)));
        var attempt = new ActivationRequest("nobody@example.com", "123456", "correct horse battery staple");
        for (var i = 0; i < 2; i++)
        {
            (await kit.Manager.ActivateAsync(attempt)).ShouldFailWith(InvitationErrorCode.OtpInvalid);
        }

        kit.Clock.Advance(Duration.FromMinutes(15) - Duration.FromTicks(1));
        Assert.Equal(Duration.FromTicks(1), (await kit.Manager.ActivateAsync(attempt)).ShouldFailWith(InvitationErrorCode.RateLimited).Single().RetryAfter);
        kit.Clock.Advance(Duration.FromTicks(1));
        (await kit.Manager.ActivateAsync(attempt)).ShouldFailWith(InvitationErrorCode.OtpInvalid);
    }
}
