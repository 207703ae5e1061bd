using InvitationKit.Tests.Infrastructure;

namespace InvitationKit.Tests.Rules;

/// <summary>Rule 5: members and pending invitations; re-inviting after revoke, reject or expiry.</summary>
public sealed class AlreadyThereTests
{
    [Fact]
    public async Task A_members_address_is_refused()
    {
        await using var kit = await TestKit.CreateAsync();
        kit.Member("m@example.com");
        (await kit.InviteAsync("M@Example.com")).ShouldFailWith(InvitationErrorCode.AlreadyMember);
    }

    [Fact]
    public async Task A_pending_address_is_refused_with_resend_and_revoke_remedies()
    {
        await using var kit = await TestKit.CreateAsync();
        await kit.InviteOneAsync("a@example.com");
        var error = (await kit.InviteAsync("A@EXAMPLE.com")).ShouldFailWith(InvitationErrorCode.AlreadyInvited).Single();
        Assert.Contains(error.Remedies, r => r.StartsWith("Resend", StringComparison.Ordinal));
        Assert.Contains(error.Remedies, r => r.Contains("revoke", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_same_address_may_be_pending_in_two_accounts()
    {
        await using var kit = await TestKit.CreateAsync();
        kit.Accounts.Add(new AccountInfo("other", "Other"));
        await kit.Manager.AddFoundingOwnerAsync("other", "owner");
        await kit.InviteOneAsync("a@example.com");
        (await kit.Manager.InviteAsync(kit.Owner, new InviteRequest("other", TestKit.Product, [new InviteRecipient("a@example.com")]))).ShouldSucceed();
    }

    [Fact]
    public async Task After_revoke_reject_or_expiry_the_address_can_be_invited_again()
    {
        await using var kit = await TestKit.CreateAsync();
        var first = await kit.InviteOneAsync("a@example.com");
        await kit.Manager.RevokeAsync(kit.Owner, first);
        await kit.InviteOneAsync("a@example.com");
        await kit.Manager.RejectAsync(kit.SecretFor("a@example.com"));
        await kit.InviteOneAsync("a@example.com");
        kit.Clock.Advance(Duration.FromDays(7) + Duration.FromSeconds(1));
        await kit.InviteOneAsync("a@example.com");
        Assert.Single(kit.Store.Invitations, i => InvitationStatusMachine.EffectiveStatus(i, kit.Clock.GetCurrentInstant()) == InvitationStatus.Pending);
    }
}
