using System.Security.Cryptography;
using InvitationKit.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace InvitationKit.Tests.Rules;

/// <summary>
/// Retention (<see cref="InvitationKitOptions.FinishedInvitationRetention"/>): the expiry sweep erases the address and
/// the invitee's ids of invitations finished longer ago than the period, and nothing else; someone with a later dump of
/// the store finds no address of them.
/// </summary>
public sealed class RetentionTests
{
    [Fact]
    public async Task A_dump_taken_after_the_retention_period_holds_no_address_of_a_finished_invitation()
    {
        await using var kit = await TestKit.CreateAsync(o => o.FinishedInvitationRetention = Duration.FromDays(30));
        var revoked = await kit.InviteOneAsync("revoked@example.com");
        kit.User("accepted@example.com");
        var accepted = await kit.InviteOneAsync("accepted@example.com");
        (await kit.AcceptAsync("accepted@example.com")).ShouldSucceed();
        (await kit.Manager.RevokeAsync(kit.Owner, revoked)).ShouldSucceed();
        kit.Clock.Advance(Duration.FromDays(3));
        var pending = await kit.InviteOneAsync("pending@example.com");
        kit.Clock.Advance(Duration.FromDays(28)); // the revoked one finished 31 days ago; "pending" is overdue, not expired yet

        (await kit.Manager.ExpireOverdueAsync()).ShouldSucceed();

        var erased = kit.Stored(revoked);
        Assert.Equal((string.Empty, string.Empty, null, null), (erased.Email, erased.EmailKey, erased.UserId, erased.ResolvedBy));
        Assert.Equal(InvitationStatus.Revoked, erased.Status); // counts by status stay right
        Assert.Equal(string.Empty, kit.Stored(accepted).Email);
        Assert.Equal(2, kit.Store.Members.Count(m => m.AccountId == TestKit.AccountId)); // the membership is the account's, not erased
        Assert.Equal("pending@example.com", kit.Stored(pending).Email); // expired by this sweep: its period starts now
        Assert.Equal(InvitationStatus.Expired, kit.Stored(pending).Status);
        Assert.Contains(kit.Logs.Entries, e => e.Id.Id == 1050);
        var listed = (await kit.Manager.ListAsync(kit.Owner, new InvitationQuery(TestKit.AccountId, InvitationStatus.Revoked))).ShouldSucceed();
        Assert.Equal(string.Empty, Assert.Single(listed.Items).Email);
        Assert.Empty((await kit.Manager.ListAsync(kit.Owner, new InvitationQuery(TestKit.AccountId, EmailPrefix: "revoked"))).ShouldSucceed().Items);

        kit.Clock.Advance(Duration.FromDays(31));
        (await kit.Manager.ExpireOverdueAsync()).ShouldSucceed();
        Assert.DoesNotContain(kit.Store.Invitations, i => i.Email.Length > 0);
    }

    [Fact]
    public async Task Without_a_retention_period_nothing_is_erased()
    {
        await using var kit = await TestKit.CreateAsync(o => o.FinishedInvitationRetention = null);
        var revoked = await kit.InviteOneAsync("kept@example.com");
        (await kit.Manager.RevokeAsync(kit.Owner, revoked)).ShouldSucceed();
        kit.Clock.Advance(Duration.FromDays(3650));

        (await kit.Manager.ExpireOverdueAsync()).ShouldSucceed();

        Assert.Equal("kept@example.com", kit.Stored(revoked).Email);
    }

    [Fact]
    public void A_retention_period_shorter_than_an_invitations_life_is_refused_at_start_up()
    {
        var services = new ServiceCollection();
        services.AddInvitationKit(o =>
        {
            o.SecretKey = RandomNumberGenerator.GetBytes(32);
            o.FinishedInvitationRetention = Duration.FromDays(1);
        }).UseInMemoryPorts();
        using var provider = services.BuildServiceProvider();
        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<InvitationKitOptions>>().Value);
        Assert.Contains("InvitationKitOptions.FinishedInvitationRetention must be null (keep for ever) or between InvitationLifetime (7:00:00:00) and 100 years (it is 1:00:00:00).", exception.Failures);
    }
}
