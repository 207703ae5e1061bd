using InvitationKit.Testing.Conformance;
using InvitationKit.Tests.Infrastructure;

namespace InvitationKit.Tests.Attacks;

/// <summary>Issue 24, finding 1: a user the host banned keeps a live session and accepts an invitation with it.</summary>
public abstract partial class AttackTests
{
    [StoreFact]
    public async Task A_banned_user_with_a_live_session_cannot_accept_an_existing_user_invitation()
    {
        await using var kit = await KitAsync();
        var bob = kit.Users.AddUser("bob@example.com");
        var id = await kit.InviteOneAsync("bob@example.com");
        kit.Users.SetState(bob.Id, UserState.Disabled); // banned after the invite; the session (the identity below) lives on

        var session = new SignedInIdentity(bob.Id, "bob@example.com", "Local", EmailVerified: true);
        var refused = (await kit.Manager.AcceptAsync(kit.SecretFor("bob@example.com"), session)).ShouldFailWith(InvitationErrorCode.UserDisabled).Single();
        Assert.Contains("disabled", refused.Message, StringComparison.Ordinal);
        Assert.Equal(InvitationStatus.Pending, (await kit.StoredAsync(id)).Status);
        Assert.Null(await kit.Port.Members.FindMemberAsync(TestKit.AccountId, bob.Id, default));
        Assert.DoesNotContain(kit.Events.Events, e => e.Kind == InvitationEventKind.Accepted);

        // Enabled again by the host, the same session accepts.
        kit.Users.SetState(bob.Id, UserState.Enabled);
        (await kit.Manager.AcceptAsync(kit.SecretFor("bob@example.com"), session)).ShouldSucceed();
    }

    [StoreFact]
    public async Task A_user_banned_before_the_invite_or_after_registering_for_a_new_user_invitation_cannot_accept()
    {
        await using var kit = await KitAsync();

        // Banned before: the invitation binds to them (no code), and their session still cannot use it.
        var banned = kit.Users.AddUser("banned@example.com", state: UserState.Disabled);
        var bound = await kit.InviteOneAsync("banned@example.com");
        (await kit.Manager.AcceptAsync(kit.SecretFor("banned@example.com"), new SignedInIdentity(banned.Id, "banned@example.com", "Local", EmailVerified: true)))
            .ShouldFailWith(InvitationErrorCode.UserDisabled);

        // Invited as new, registered through the host, then banned: the new-user invitation refuses them too.
        var fresh = await kit.InviteOneAsync("nina@example.com");
        var nina = kit.Users.Users.Single(u => u.Email == "nina@example.com");
        kit.Users.SetState(nina.Id, UserState.Enabled);
        kit.Users.SetState(nina.Id, UserState.Disabled);
        (await kit.Manager.AcceptAsync(kit.SecretFor("nina@example.com"), new SignedInIdentity(nina.Id, "nina@example.com", "Local", EmailVerified: true)))
            .ShouldFailWith(InvitationErrorCode.UserDisabled);

        Assert.Equal([InvitationStatus.Pending, InvitationStatus.Pending], [(await kit.StoredAsync(bound)).Status, (await kit.StoredAsync(fresh)).Status]);
        Assert.Equal(1, (await kit.Manager.ListMembersAsync(kit.Owner, new MemberQuery(TestKit.AccountId))).ShouldSucceed().TotalCount); // the owner alone
    }
}
