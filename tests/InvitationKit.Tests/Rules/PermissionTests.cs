using InvitationKit.Tests.Infrastructure;

namespace InvitationKit.Tests.Rules;

/// <summary>Rule 6: who may manage invitations, and who may grant owner capability.</summary>
public sealed class PermissionTests
{
    [Fact]
    public async Task Admins_owners_and_user_admins_may_invite()
    {
        await using var kit = await TestKit.CreateAsync();
        var userAdmin = kit.Member("ua@example.com", WellKnownRoles.UserAdmin, "VIEWER");
        (await kit.InviteAsync(Actor.Admin("root"), InviteMode.Auto, "a@example.com")).ShouldSucceed();
        (await kit.InviteAsync(kit.Owner, InviteMode.Auto, "b@example.com")).ShouldSucceed();
        (await kit.InviteAsync(Actor.User(userAdmin.Id), InviteMode.Auto, "c@example.com")).ShouldSucceed();
    }

    [Fact]
    public async Task Plain_members_and_strangers_may_not_manage_anything()
    {
        await using var kit = await TestKit.CreateAsync();
        var id = await kit.InviteOneAsync("a@example.com");
        var plain = Actor.User(kit.Member("plain@example.com", "EDITOR").Id);
        var stranger = Actor.User("stranger");
        foreach (var actor in new[] { plain, stranger })
        {
            (await kit.InviteAsync(actor, InviteMode.Auto, "x@example.com")).ShouldFailWith(InvitationErrorCode.PermissionDenied);
            (await kit.Manager.ListAsync(actor, new InvitationQuery(TestKit.AccountId))).ShouldFailWith(InvitationErrorCode.PermissionDenied);
            (await kit.Manager.GetAsync(actor, id)).ShouldFailWith(InvitationErrorCode.PermissionDenied);
            (await kit.Manager.ResendAsync(actor, id)).ShouldFailWith(InvitationErrorCode.PermissionDenied);
            (await kit.Manager.RevokeAsync(actor, id)).ShouldFailWith(InvitationErrorCode.PermissionDenied);
            (await kit.Manager.ChangeRolesAsync(actor, id, ["X"], false)).ShouldFailWith(InvitationErrorCode.PermissionDenied);
            (await kit.Manager.RemoveMemberAsync(actor, TestKit.AccountId, "owner")).ShouldFailWith(InvitationErrorCode.PermissionDenied);
            (await kit.Manager.GetSeatUsageAsync(actor, TestKit.AccountId)).ShouldFailWith(InvitationErrorCode.PermissionDenied);
            (await kit.Manager.ListMembersAsync(actor, new MemberQuery(TestKit.AccountId))).ShouldFailWith(InvitationErrorCode.PermissionDenied);
        }

        Assert.Equal(InvitationStatus.Pending, kit.Stored(id).Status);
    }

    [Fact]
    public async Task A_user_admin_may_not_grant_owner_capability_but_owners_and_admins_may()
    {
        await using var kit = await TestKit.CreateAsync();
        var userAdmin = Actor.User(kit.Member("ua@example.com", WellKnownRoles.UserAdmin).Id);
        InviteRequest Request(string email) => new(TestKit.AccountId, TestKit.Product, [new InviteRecipient(email, [], GrantsOwner: true)]);

        var error = (await kit.Manager.InviteAsync(userAdmin, Request("x@example.com"))).ShouldFailWith(InvitationErrorCode.OwnerGrantNotAllowed).Single();
        Assert.Contains(error.Remedies, r => r.Contains("owner", StringComparison.Ordinal));
        Assert.True((await kit.Manager.InviteAsync(kit.Owner, Request("y@example.com"))).ShouldSucceed().Invitations[0].GrantsOwner);
        (await kit.Manager.InviteAsync(Actor.Admin("root"), Request("z@example.com"))).ShouldSucceed();
    }

    [Fact]
    public async Task A_user_admin_may_edit_roles_but_not_the_owner_flag()
    {
        await using var kit = await TestKit.CreateAsync();
        var userAdmin = Actor.User(kit.Member("ua@example.com", WellKnownRoles.UserAdmin, "EDITOR").Id);
        var id = await kit.InviteOneAsync("a@example.com");
        var view = (await kit.Manager.ChangeRolesAsync(userAdmin, id, ["EDITOR"], grantsOwner: false)).ShouldSucceed();
        Assert.Equal(["EDITOR"], view.Roles);
        (await kit.Manager.ChangeRolesAsync(userAdmin, id, ["EDITOR"], grantsOwner: true)).ShouldFailWith(InvitationErrorCode.OwnerGrantNotAllowed);
        Assert.True((await kit.Manager.ChangeRolesAsync(kit.Owner, id, ["EDITOR"], grantsOwner: true)).ShouldSucceed().GrantsOwner);
        (await kit.Manager.ChangeRolesAsync(userAdmin, id, ["EDITOR"], grantsOwner: false)).ShouldFailWith(InvitationErrorCode.OwnerGrantNotAllowed);
    }
}
