using InvitationKit.Tests.Infrastructure;

namespace InvitationKit.Tests.Rules;

/// <summary>Rule 2: occupied seats are members plus pending, unexpired invitations; the limit holds.</summary>
public sealed class SeatRulesTests
{
    [Fact]
    public async Task An_invite_past_the_limit_is_refused_with_the_figures_and_remedies()
    {
        await using var kit = await TestKit.CreateAsync(userLimit: 3); // owner + 2 seats
        await kit.InviteOneAsync("a@example.com");
        var error = (await kit.InviteAsync("b@example.com", "c@example.com")).ShouldFailWith(InvitationErrorCode.UserLimitExceeded).Single();
        Assert.Equal(new SeatLimitDetails(3, 2, 2), error.SeatLimit);
        Assert.Equal(3, error.Remedies.Count);
        Assert.Contains(error.Remedies, r => r.Contains("Revoke", StringComparison.Ordinal));
        Assert.Contains(error.Remedies, r => r.Contains("inactive", StringComparison.Ordinal));
        Assert.Contains(error.Remedies, r => r.Contains("increase the user limit", StringComparison.Ordinal));
        (await kit.InviteAsync("b@example.com")).ShouldSucceed();
    }

    [Fact]
    public async Task The_default_limit_is_250_and_configurable()
    {
        Assert.Equal(250, new InvitationKitOptions().DefaultUserLimit);
        await using var kit = await TestKit.CreateAsync(o => o.DefaultUserLimit = 2);
        (await kit.InviteAsync("a@example.com")).ShouldSucceed();
        (await kit.InviteAsync("b@example.com")).ShouldFailWith(InvitationErrorCode.UserLimitExceeded);
    }

    [Fact]
    public async Task The_account_directory_overrides_the_limit()
    {
        await using var kit = await TestKit.CreateAsync(o => o.DefaultUserLimit = 1000, userLimit: 2);
        (await kit.InviteAsync("a@example.com")).ShouldSucceed();
        (await kit.InviteAsync("b@example.com")).ShouldFailWith(InvitationErrorCode.UserLimitExceeded);
    }

    [Fact]
    public async Task Expired_invitations_free_their_seats()
    {
        await using var kit = await TestKit.CreateAsync(userLimit: 2);
        await kit.InviteOneAsync("a@example.com");
        (await kit.InviteAsync("b@example.com")).ShouldFailWith(InvitationErrorCode.UserLimitExceeded);
        kit.Clock.Advance(Duration.FromDays(7));
        (await kit.InviteAsync("b@example.com")).ShouldSucceed();
    }

    [Fact]
    public async Task Revoking_and_rejecting_free_seats_at_once()
    {
        await using var kit = await TestKit.CreateAsync(userLimit: 3);
        var a = await kit.InviteOneAsync("a@example.com");
        await kit.InviteOneAsync("b@example.com");
        (await kit.InviteAsync("c@example.com")).ShouldFailWith(InvitationErrorCode.UserLimitExceeded);
        (await kit.Manager.RevokeAsync(kit.Owner, a)).ShouldSucceed();
        await kit.InviteOneAsync("c@example.com");
        (await kit.Manager.RejectAsync(kit.SecretFor("b@example.com"))).ShouldSucceed();
        await kit.InviteOneAsync("d@example.com");
    }

    [Fact]
    public async Task Members_occupy_seats_and_removing_one_frees_it()
    {
        await using var kit = await TestKit.CreateAsync(userLimit: 2);
        var member = kit.Member("m@example.com");
        (await kit.InviteAsync("a@example.com")).ShouldFailWith(InvitationErrorCode.UserLimitExceeded);
        (await kit.Manager.RemoveMemberAsync(kit.Owner, TestKit.AccountId, member.Id)).ShouldSucceed();
        (await kit.InviteAsync("a@example.com")).ShouldSucceed();
    }

    [Fact]
    public async Task Seat_usage_reports_members_and_pending()
    {
        await using var kit = await TestKit.CreateAsync(userLimit: 10);
        await kit.InviteOneAsync("a@example.com");
        var usage = (await kit.Manager.GetSeatUsageAsync(kit.Owner, TestKit.AccountId)).ShouldSucceed();
        Assert.Equal(new SeatUsage(10, 2), usage);
        Assert.Equal(8, usage.Available);
    }
}
