using InvitationKit.Tests.Infrastructure;

namespace InvitationKit.Tests.Rules;

/// <summary>
/// The default throttles agree with the seat and resend rules: an owner fills a default account within the hour, a
/// failed mail does not hold a resend back, and a resend the stored rules refuse costs none of the hourly resends.
/// </summary>
public sealed class DefaultLimitsTests
{
    [Fact]
    public async Task An_owner_fills_an_account_of_the_default_seats_in_one_hour_in_batches_of_the_default_size()
    {
        var defaults = new InvitationKitOptions();
        await using var kit = await TestKit.CreateAsync(o => o.RateLimits = new InvitationRateLimitOptions(), userLimit: defaults.DefaultUserLimit);
        var recipients = Enumerable.Range(0, defaults.DefaultUserLimit - 1).Select(i => $"seat{i}@example.com").ToArray();

        foreach (var batch in recipients.Chunk(defaults.MaxBatchSize))
        {
            (await kit.InviteAsync(batch)).ShouldSucceed();
            kit.Clock.Advance(Duration.FromMinutes(4)); // 13 batches within the hour
        }

        var usage = (await kit.Manager.GetSeatUsageAsync(kit.Owner, TestKit.AccountId)).ShouldSucceed();
        Assert.Equal((defaults.DefaultUserLimit, defaults.DefaultUserLimit), (usage.Limit, usage.Occupied));
    }

    [Fact]
    public async Task A_failed_mail_can_be_resent_at_once_despite_the_cooldown()
    {
        await using var kit = await TestKit.CreateAsync(o => o.ResendCooldown = Duration.FromMinutes(10));
        kit.Mailer.FailWhen = _ => true;
        var id = await kit.InviteOneAsync("bounced@example.com");
        Assert.Equal(DeliveryState.Failed, kit.Stored(id).Delivery);
        kit.Mailer.FailWhen = null;

        (await kit.Manager.ResendAsync(kit.Owner, id)).ShouldSucceed();

        // The resent mail went out: the cooldown holds the next resend back as before.
        (await kit.Manager.ResendAsync(kit.Owner, id)).ShouldFailWith(InvitationErrorCode.RateLimited);
    }

    [Fact]
    public async Task A_resend_refused_as_too_soon_costs_none_of_the_hourly_resends()
    {
        await using var kit = await TestKit.CreateAsync(o =>
        {
            o.ResendCooldown = Duration.FromMinutes(1);
            o.RateLimits = InvitationRateLimitOptions.Unlimited();
            o.RateLimits.ResendsPerInvitation = new RateLimitRule(1, Duration.FromHours(1));
        });
        var id = await kit.InviteOneAsync("patient@example.com");

        (await kit.Manager.ResendAsync(kit.Owner, id)).ShouldFailWith(InvitationErrorCode.RateLimited);
        (await kit.Manager.ResendAsync(kit.Owner, id)).ShouldFailWith(InvitationErrorCode.RateLimited);
        kit.Clock.Advance(Duration.FromMinutes(2));

        (await kit.Manager.ResendAsync(kit.Owner, id)).ShouldSucceed();
    }
}
