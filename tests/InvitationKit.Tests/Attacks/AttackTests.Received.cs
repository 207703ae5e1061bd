using InvitationKit.Testing.Conformance;
using InvitationKit.Tests.Infrastructure;

namespace InvitationKit.Tests.Attacks;

/// <summary>
/// Issue 21, the invitee's inbox: listed, accepted and declined by id, bound as acceptance is — by the identity's verified
/// address, or the invited user's id. A stranger never sees another address's invitations, nor learns from an id.
/// </summary>
public abstract partial class AttackTests
{
    [StoreFact]
    public async Task The_inbox_lists_the_users_own_pending_invitations_across_accounts_and_accepts_and_declines_by_id()
    {
        await using var kit = await KitAsync();
        var other = await kit.TenantAsync("other");
        var bob = kit.Users.AddUser("bob@example.com");
        var acme = (await kit.InviteAsync(kit.Owner, InviteMode.ExistingUser, "bob@example.com")).ShouldSucceed().Invitations.Single();
        var elsewhere = (await kit.Manager.InviteAsync(other, new InviteRequest("other", TestKit.Product, [new InviteRecipient("Bob@Example.com", ["EDITOR"])]))).ShouldSucceed().Invitations.Single();
        var identity = new SignedInIdentity(bob.Id, "BOB@example.com", "password", EmailVerified: true);

        var inbox = (await kit.Manager.ListReceivedInvitationsAsync(identity)).ShouldSucceed();
        Assert.Equal([acme.Id, elsewhere.Id], inbox.Select(r => r.Id).Order());
        var fromOther = inbox.Single(r => r.Id == elsewhere.Id);
        Assert.Equal("other", fromOther.Preview.AccountId);
        Assert.Equal(["EDITOR"], fromOther.Preview.Roles);
        Assert.Equal(other.UserId, fromOther.InvitedBy);

        Assert.Equal(TestKit.AccountId, (await kit.Manager.AcceptReceivedInvitationAsync(acme.Id, identity)).ShouldSucceed().AccountId);
        Assert.Equal(InvitationStatus.Rejected, (await kit.Manager.RejectReceivedInvitationAsync(elsewhere.Id, identity)).ShouldSucceed().Status);
        Assert.Empty((await kit.Manager.ListReceivedInvitationsAsync(identity)).ShouldSucceed());
    }

    [StoreFact]
    public async Task A_stranger_never_sees_nor_acts_on_another_addresss_invitations_by_id()
    {
        await using var kit = await KitAsync();
        kit.Users.AddUser("bob@example.com");
        var eve = kit.Users.AddUser("eve@example.com");
        var id = await kit.InviteOneAsync("bob@example.com");
        var newUser = await kit.InviteOneAsync("nina@example.com");
        var stranger = new SignedInIdentity(eve.Id, "eve@example.com", "password", EmailVerified: true);

        Assert.Empty((await kit.Manager.ListReceivedInvitationsAsync(stranger)).ShouldSucceed());
        foreach (var probe in new[] { id, newUser, Guid.NewGuid() })
        {
            var accept = (await kit.Manager.AcceptReceivedInvitationAsync(probe, stranger)).ShouldFailWith(InvitationErrorCode.InvitationNotFound).Single();
            var reject = (await kit.Manager.RejectReceivedInvitationAsync(probe, stranger)).ShouldFailWith(InvitationErrorCode.InvitationNotFound).Single();
            Assert.Equal(InvitationErrors.InvitationNotFound().Message, accept.Message);
            Assert.Equal(accept.Message, reject.Message);
        }

        // Claiming the victim's address in an unverified identity, or naming the victim's id with another address, is no way in.
        var claimed = new SignedInIdentity(eve.Id, "bob@example.com", "password", EmailVerified: false);
        (await kit.Manager.ListReceivedInvitationsAsync(claimed)).ShouldFailWith(InvitationErrorCode.EmailNotVerified);
        (await kit.Manager.AcceptReceivedInvitationAsync(id, claimed)).ShouldFailWith(InvitationErrorCode.InvitationNotFound);
        (await kit.Manager.ListReceivedInvitationsAsync(claimed with { EmailVerified = true })).ShouldFailWith(InvitationErrorCode.NotTheInvitedUser);
        (await kit.Manager.AcceptReceivedInvitationAsync(id, claimed with { EmailVerified = true })).ShouldFailWith(InvitationErrorCode.NotTheInvitedUser);
        Assert.Equal(InvitationStatus.Pending, (await kit.StoredAsync(id)).Status);
        Assert.Equal(InvitationStatus.Pending, (await kit.StoredAsync(newUser)).Status);
    }

    [StoreFact]
    public async Task A_banned_user_and_a_disabled_account_get_nothing_from_the_inbox()
    {
        await using var kit = await KitAsync();
        var other = await kit.TenantAsync("other");
        var bob = kit.Users.AddUser("bob@example.com");
        var acme = (await kit.InviteAsync(kit.Owner, InviteMode.ExistingUser, "bob@example.com")).ShouldSucceed().Invitations.Single();
        (await kit.Manager.InviteAsync(other, new InviteRequest("other", TestKit.Product, [new InviteRecipient("bob@example.com")]))).ShouldSucceed();
        var identity = new SignedInIdentity(bob.Id, "bob@example.com", "password", EmailVerified: true);

        kit.Accounts.SetDisabled("other");
        Assert.Equal([acme.Id], (await kit.Manager.ListReceivedInvitationsAsync(identity)).ShouldSucceed().Select(r => r.Id));

        kit.Users.SetState(bob.Id, UserState.Disabled);
        (await kit.Manager.ListReceivedInvitationsAsync(identity)).ShouldFailWith(InvitationErrorCode.UserDisabled);
        (await kit.Manager.AcceptReceivedInvitationAsync(acme.Id, identity)).ShouldFailWith(InvitationErrorCode.UserDisabled);
    }

    [StoreFact]
    public async Task The_inbox_is_throttled_per_user()
    {
        await using var kit = await KitAsync(o => o.RateLimits = new InvitationRateLimitOptions { ReceivedInvitationRequestsPerUser = new RateLimitRule(3, Duration.FromMinutes(15)) });
        var bob = kit.Users.AddUser("bob@example.com");
        var identity = new SignedInIdentity(bob.Id, "bob@example.com", "password", EmailVerified: true);
        (await kit.Manager.ListReceivedInvitationsAsync(identity)).ShouldSucceed();
        (await kit.Manager.AcceptReceivedInvitationAsync(Guid.NewGuid(), identity)).ShouldFailWith(InvitationErrorCode.InvitationNotFound);
        (await kit.Manager.RejectReceivedInvitationAsync(Guid.NewGuid(), identity)).ShouldFailWith(InvitationErrorCode.InvitationNotFound);
        (await kit.Manager.ListReceivedInvitationsAsync(identity)).ShouldFailWith(InvitationErrorCode.RateLimited);
        (await kit.Manager.AcceptReceivedInvitationAsync(Guid.NewGuid(), identity)).ShouldFailWith(InvitationErrorCode.RateLimited);
    }
}
