using InvitationKit.Tests.Infrastructure;

namespace InvitationKit.Tests.Rules;

/// <summary>
/// Rule 17, for oneself: any member leaves an account (<see cref="IInvitationManager.LeaveAsync"/>), freeing the seat
/// and raising an event; never the last owner; and only ever the actor's own membership.
/// </summary>
public sealed class LeaveTests
{
    [Fact]
    public async Task A_member_leaves_freeing_the_seat_and_raising_an_event()
    {
        await using var kit = await TestKit.CreateAsync(userLimit: 2);
        var bob = kit.User("bob@example.com");
        await kit.InviteOneAsync("bob@example.com");
        (await kit.AcceptAsync("bob@example.com")).ShouldSucceed();
        Assert.Equal(new SeatUsage(2, 2), (await kit.Manager.GetSeatUsageAsync(kit.Owner, TestKit.AccountId)).ShouldSucceed());
        (await kit.InviteAsync("carol@example.com")).ShouldFailWith(InvitationErrorCode.UserLimitExceeded);

        var left = (await kit.Manager.LeaveAsync(Actor.User(bob.Id), TestKit.AccountId)).ShouldSucceed();

        Assert.Equal((TestKit.AccountId, bob.Id), (left.AccountId, left.UserId));
        Assert.Null(await kit.Port.Members.FindMemberAsync(TestKit.AccountId, bob.Id, default));
        Assert.Equal(new SeatUsage(2, 1), (await kit.Manager.GetSeatUsageAsync(kit.Owner, TestKit.AccountId)).ShouldSucceed());
        var left1 = Assert.Single(kit.Events.Events, e => e.Kind == InvitationEventKind.MemberLeft);
        Assert.Equal((TestKit.AccountId, bob.Id, bob.Id, (Guid?)null), (left1.AccountId, left1.UserId, left1.ActorId, left1.InvitationId));
        Assert.DoesNotContain(kit.Events.Events, e => e.Kind == InvitationEventKind.MemberRemoved);
        Assert.Contains(kit.Logs.Entries, e => e.Id.Id == 1027 && e.Text.Contains(bob.Id, StringComparison.Ordinal));
        (await kit.InviteAsync("carol@example.com")).ShouldSucceed(); // the freed seat

        // Leaving twice: the second finds no membership, and raises nothing.
        (await kit.Manager.LeaveAsync(Actor.User(bob.Id), TestKit.AccountId)).ShouldFailWith(InvitationErrorCode.MemberNotFound);
        Assert.Single(kit.Events.Events, e => e.Kind == InvitationEventKind.MemberLeft);
    }

    [Fact]
    public async Task Leaving_needs_no_right_to_manage_the_account()
    {
        await using var kit = await TestKit.CreateAsync();
        var plain = kit.Member("plain@example.com", "VIEWER");
        (await kit.Manager.RemoveMemberAsync(Actor.User(plain.Id), TestKit.AccountId, plain.Id)).ShouldFailWith(InvitationErrorCode.PermissionDenied);
        (await kit.Manager.LeaveAsync(Actor.User(plain.Id), TestKit.AccountId)).ShouldSucceed();
        Assert.Null(await kit.Port.Members.FindMemberAsync(TestKit.AccountId, plain.Id, default));
    }

    [Fact]
    public async Task A_non_member_gets_MemberNotFound_and_changes_nothing()
    {
        await using var kit = await TestKit.CreateAsync();
        var member = kit.Member("m@example.com");
        var other = await kit.TenantAsync("globex");
        var members = kit.Store.Members.Count;

        (await kit.Manager.LeaveAsync(Actor.User("stranger"), TestKit.AccountId)).ShouldFailWith(InvitationErrorCode.MemberNotFound);
        (await kit.Manager.LeaveAsync(other, TestKit.AccountId)).ShouldFailWith(InvitationErrorCode.MemberNotFound); // another tenant's owner
        (await kit.Manager.LeaveAsync(Actor.User(member.Id), "globex")).ShouldFailWith(InvitationErrorCode.MemberNotFound);

        // The ids are checked first; an unknown account is one the actor is no member of, like any other (issue 24).
        (await kit.Manager.LeaveAsync(Actor.User(member.Id), "nowhere")).ShouldFailWith(InvitationErrorCode.MemberNotFound);
        (await kit.Manager.LeaveAsync(Actor.User(member.Id), "a\r\nb")).ShouldFailWith(InvitationErrorCode.InvalidInput);
        (await kit.Manager.LeaveAsync(Actor.User(string.Empty), TestKit.AccountId)).ShouldFailWith(InvitationErrorCode.InvalidInput);

        Assert.Equal(members, kit.Store.Members.Count);
        Assert.DoesNotContain(kit.Events.Events, e => e.Kind == InvitationEventKind.MemberLeft);
    }

    [Fact]
    public async Task The_last_owner_cannot_leave_but_a_second_owner_can()
    {
        await using var kit = await TestKit.CreateAsync();
        kit.Member("plain@example.com"); // members who are not owners do not count
        var error = (await kit.Manager.LeaveAsync(kit.Owner, TestKit.AccountId)).ShouldFailWith(InvitationErrorCode.LastOwner).Single();
        Assert.Contains("leave", error.Message, StringComparison.Ordinal);
        Assert.Contains(error.Remedies, r => r.Contains("owner capability", StringComparison.Ordinal));
        Assert.NotNull(await kit.Port.Members.FindMemberAsync(TestKit.AccountId, "owner", default));

        kit.Store.SeedMember(new Member(TestKit.AccountId, "second-owner", [], IsOwner: true, kit.Clock.GetCurrentInstant(), null));
        (await kit.Manager.LeaveAsync(kit.Owner, TestKit.AccountId)).ShouldSucceed().ShouldBeOwner();
        (await kit.Manager.LeaveAsync(Actor.User("second-owner"), TestKit.AccountId)).ShouldFailWith(InvitationErrorCode.LastOwner);
        Assert.True((await kit.Port.Members.FindMemberAsync(TestKit.AccountId, "second-owner", default))?.IsOwner);
        Assert.Single(kit.Events.Events, e => e.Kind == InvitationEventKind.MemberLeft);
    }

    [Fact]
    public async Task Of_two_owners_leaving_at_once_exactly_one_leaves()
    {
        for (var round = 0; round < 20; round++)
        {
            await using var kit = await TestKit.CreateAsync();
            kit.Store.SeedMember(new Member(TestKit.AccountId, "second-owner", [], IsOwner: true, kit.Clock.GetCurrentInstant(), null));
            var results = await Task.WhenAll(
                Task.Run(() => kit.Manager.LeaveAsync(kit.Owner, TestKit.AccountId)),
                Task.Run(() => kit.OtherRequest().LeaveAsync(Actor.User("second-owner"), TestKit.AccountId)));

            Assert.Single(results, r => r.Succeeded);
            Assert.Single(results, r => r.HasError(InvitationErrorCode.LastOwner));
            Assert.Single(kit.Store.Members, m => m.AccountId == TestKit.AccountId && m.IsOwner);
        }
    }

    [Fact]
    public async Task An_actor_leaves_only_their_own_membership_whoever_they_are()
    {
        await using var kit = await TestKit.CreateAsync();
        var userAdmin = kit.Member("ua@example.com", WellKnownRoles.UserAdmin);
        var plain = kit.Member("plain@example.com");

        // A system admin may manage the account, yet leaving acts on their own membership, which they do not have.
        (await kit.Manager.LeaveAsync(Actor.Admin("root"), TestKit.AccountId)).ShouldFailWith(InvitationErrorCode.MemberNotFound);
        Assert.Equal(3, kit.Store.Members.Count(m => m.AccountId == TestKit.AccountId));

        // A user admin who leaves takes nobody with them; an admin who is a member leaves like anyone.
        (await kit.Manager.LeaveAsync(Actor.User(userAdmin.Id), TestKit.AccountId)).ShouldSucceed();
        Assert.Equal(new[] { "owner", plain.Id }.Order(StringComparer.Ordinal), kit.Store.Members.Where(m => m.AccountId == TestKit.AccountId).Select(m => m.UserId).Order(StringComparer.Ordinal));
        kit.Store.SeedMember(new Member(TestKit.AccountId, "root", [], IsOwner: false, kit.Clock.GetCurrentInstant(), null));
        var left = (await kit.Manager.LeaveAsync(Actor.Admin("root"), TestKit.AccountId)).ShouldSucceed();
        Assert.Equal("root", left.UserId);
        Assert.Equal(2, kit.Store.Members.Count(m => m.AccountId == TestKit.AccountId));
    }
}
