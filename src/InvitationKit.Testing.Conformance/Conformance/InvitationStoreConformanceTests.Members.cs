using InvitationKit.Ports;
using NodaTime;
using Xunit;

namespace InvitationKit.Testing.Conformance;

/// <summary>The <see cref="IMemberStore"/> role: every field, acceptance, active accounts, owners, listing, and races.</summary>
public abstract partial class InvitationStoreConformanceTests
{
    /// <summary>Every field of a membership survives a write and a read, the metadata its invitation carried (rule 25) too.</summary>
    [StoreFact]
    public async Task Every_member_field_round_trips()
    {
        var owner = new Member("acme", "owner", ["A", "B"], IsOwner: true, T0 + Duration.FromTicks(99), InvitationId: null);
        Assert.True(await Members.TryAddFoundingOwnerAsync(owner, default).ConfigureAwait(false));
        AssertSameMember(owner, await Members.FindMemberAsync("acme", "owner", default).ConfigureAwait(false));

        var invitation = await InsertOneAsync("acme", "m@example.com").ConfigureAwait(false);
        var member = new Member("acme", "u-2", ["EDITOR"], IsOwner: false, T0 + Duration.FromHours(2), invitation.Id) { Metadata = SomeMetadata() };
        Assert.Equal(AcceptanceStatus.Accepted, (await AcceptAsync(Stores, invitation, member).ConfigureAwait(false)).Status);
        AssertSameMember(member, await Members.FindMemberAsync("acme", "u-2", default).ConfigureAwait(false));
    }

    /// <summary>Acceptance changes the status and creates the membership together, or does neither.</summary>
    [StoreFact]
    public async Task Acceptance_is_atomic_with_the_membership()
    {
        var invitation = await InsertOneAsync("acme", "a@example.com").ConfigureAwait(false);
        var member = new Member("acme", "u1", ["EDITOR"], false, T0, invitation.Id);

        var stale = await Members.AcceptAsync(new Acceptance(Accepted(invitation with { Revision = 7 }), member, false), default).ConfigureAwait(false);
        Assert.Equal(AcceptanceStatus.Conflict, stale.Status);
        Assert.Null(await Members.FindMemberAsync("acme", "u1", default).ConfigureAwait(false));
        Assert.Equal(InvitationStatus.Pending, (await Invitations.FindByIdAsync(invitation.Id, default).ConfigureAwait(false))!.Status);

        Assert.Equal(AcceptanceStatus.Accepted, (await AcceptAsync(Stores, invitation, member).ConfigureAwait(false)).Status);
        var accepted = await Invitations.FindByIdAsync(invitation.Id, default).ConfigureAwait(false);
        Assert.Equal((InvitationStatus.Accepted, 2L), (accepted!.Status, accepted.Revision)); // the store advanced the revision
        Assert.NotNull(await Members.FindMemberAsync("acme", "u1", default).ConfigureAwait(false));
        Assert.Empty(await Invitations.FindPendingByEmailAsync("a@example.com", "acme", default).ConfigureAwait(false));
    }

    /// <summary>Accepting for a user who is already a member changes nothing.</summary>
    [StoreFact]
    public async Task Acceptance_by_an_existing_member_changes_nothing()
    {
        await Members.TryAddFoundingOwnerAsync(new Member("acme", "u1", ["OLD"], true, T0, null), default).ConfigureAwait(false);
        var invitation = await InsertOneAsync("acme", "a@example.com").ConfigureAwait(false);
        var result = await AcceptAsync(Stores, invitation, new Member("acme", "u1", ["NEW"], false, T0, invitation.Id)).ConfigureAwait(false);
        Assert.Equal(AcceptanceStatus.AlreadyMember, result.Status);
        Assert.Equal(InvitationStatus.Pending, (await Invitations.FindByIdAsync(invitation.Id, default).ConfigureAwait(false))!.Status);
        Assert.Equal(["OLD"], (await Members.FindMemberAsync("acme", "u1", default).ConfigureAwait(false))!.Roles);
    }

    /// <summary>For latest-account-only products the store tracks the active account and reports the superseded one.</summary>
    [StoreFact]
    public async Task Acceptance_tracks_the_active_account_per_product()
    {
        var first = await InsertOneAsync("acme", "a@example.com").ConfigureAwait(false);
        var second = await InsertOneAsync("globex", "a@example.com").ConfigureAwait(false);
        var third = await InsertOneAsync("initech", "a@example.com").ConfigureAwait(false);
        Assert.Null((await AcceptAsync(Stores, first, new Member("acme", "u1", [], false, T0, first.Id), activate: true).ConfigureAwait(false)).SupersededAccountId);
        Assert.Equal("acme", (await AcceptAsync(Stores, second, new Member("globex", "u1", [], false, T0, second.Id), activate: true).ConfigureAwait(false)).SupersededAccountId);
        Assert.Null((await AcceptAsync(Stores, third, new Member("initech", "u1", [], false, T0, third.Id), activate: false).ConfigureAwait(false)).SupersededAccountId);
    }

    /// <summary>
    /// A founding owner's account counts as their active account: for a user with no active account yet, accepting into
    /// another account of a latest-account-only product reports the account they founded as superseded.
    /// </summary>
    [StoreFact]
    public async Task A_founding_owners_account_is_their_active_account()
    {
        await Members.TryAddFoundingOwnerAsync(new Member("acme", "u1", [], true, T0, null), default).ConfigureAwait(false);
        var invitation = await InsertOneAsync("globex", "a@example.com").ConfigureAwait(false);
        Assert.Equal("acme", (await AcceptAsync(Stores, invitation, new Member("globex", "u1", [], false, T0, invitation.Id), activate: true).ConfigureAwait(false)).SupersededAccountId);
        var next = await InsertOneAsync("initech", "a@example.com").ConfigureAwait(false);
        Assert.Equal("globex", (await AcceptAsync(Stores, next, new Member("initech", "u1", [], false, T0, next.Id), activate: true).ConfigureAwait(false)).SupersededAccountId);
    }

    /// <summary>A founding owner is added only to an account without members.</summary>
    [StoreFact]
    public async Task A_founding_owner_needs_an_empty_account()
    {
        Assert.True(await Members.TryAddFoundingOwnerAsync(new Member("acme", "first", [], true, T0, null), default).ConfigureAwait(false));
        Assert.False(await Members.TryAddFoundingOwnerAsync(new Member("acme", "second", [], true, T0, null), default).ConfigureAwait(false));
        Assert.Equal(1, (await Members.ListMembersAsync("acme", 0, 10, default).ConfigureAwait(false)).TotalCount);
    }

    /// <summary>The last owner is never removed; other members are.</summary>
    [StoreFact]
    public async Task The_last_owner_is_never_removed()
    {
        await Members.TryAddFoundingOwnerAsync(new Member("acme", "owner", [], true, T0, null), default).ConfigureAwait(false);
        var invitation = await InsertOneAsync("acme", "a@example.com").ConfigureAwait(false);
        await AcceptAsync(Stores, invitation, new Member("acme", "u1", [], false, T0, invitation.Id)).ConfigureAwait(false);
        Assert.Equal(MemberRemovalStatus.LastOwner, await Members.RemoveMemberAsync("acme", "owner", default).ConfigureAwait(false));
        Assert.Equal(MemberRemovalStatus.Removed, await Members.RemoveMemberAsync("acme", "u1", default).ConfigureAwait(false));
        Assert.Equal(MemberRemovalStatus.NotFound, await Members.RemoveMemberAsync("acme", "u1", default).ConfigureAwait(false));
        Assert.NotNull(await Members.FindMemberAsync("acme", "owner", default).ConfigureAwait(false));
    }

    /// <summary>Members are listed by join time, paged.</summary>
    [StoreFact]
    public async Task Members_are_listed_by_join_time()
    {
        await Members.TryAddFoundingOwnerAsync(new Member("acme", "owner", [], true, T0, null), default).ConfigureAwait(false);
        for (var i = 0; i < 3; i++)
        {
            var invitation = await InsertOneAsync("acme", $"m{i}@example.com").ConfigureAwait(false);
            await AcceptAsync(Stores, invitation, new Member("acme", $"u{i}", [], false, T0 + Duration.FromMinutes(i + 1), invitation.Id)).ConfigureAwait(false);
        }

        var page = await Members.ListMembersAsync("acme", 1, 2, default).ConfigureAwait(false);
        Assert.Equal(4, page.TotalCount);
        Assert.Equal(["u0", "u1"], page.Items.Select(m => m.UserId));
    }

    /// <summary>Store instances racing to accept and to revoke one invitation: exactly one wins.</summary>
    [StoreFact]
    public async Task Racing_accept_and_revoke_have_exactly_one_winner()
    {
        for (var round = 0; round < 5; round++)
        {
            var invitation = await InsertOneAsync("acme", $"race{round}@example.com").ConfigureAwait(false);
            var stores = await OpenManyAsync().ConfigureAwait(false);
            var wins = await RaceAsync<bool>(stores, (store, worker) => [Task.Run(async () => worker % 2 == 0
                ? (await AcceptAsync(store, invitation, new Member("acme", $"r{round}u{worker}", [], false, T0, invitation.Id)).ConfigureAwait(false)).Status == AcceptanceStatus.Accepted
                : await store.Invitations.TryUpdateAsync(invitation with { Status = InvitationStatus.Revoked }, default).ConfigureAwait(false) is not null)]).ConfigureAwait(false);
            Assert.Equal(1, wins.Count(w => w));
            var final = await Invitations.FindByIdAsync(invitation.Id, default).ConfigureAwait(false);
            var members = (await Members.ListMembersAsync("acme", 0, 1000, default).ConfigureAwait(false)).Items.Count(m => m.InvitationId == invitation.Id);
            Assert.Equal(final!.Status == InvitationStatus.Accepted ? 1 : 0, members);
        }
    }

    /// <summary>Two owners removing each other at once leave one owner.</summary>
    [StoreFact]
    public async Task Owners_removing_each_other_at_once_leave_one()
    {
        await Members.TryAddFoundingOwnerAsync(new Member("acme", "o0", [], true, T0, null), default).ConfigureAwait(false);
        var invitation = await InsertOneAsync("acme", "second@example.com").ConfigureAwait(false);
        await AcceptAsync(Stores, invitation with { GrantsOwner = true }, new Member("acme", "o1", [], true, T0, invitation.Id)).ConfigureAwait(false);
        var stores = await OpenManyAsync().ConfigureAwait(false);
        await RaceAsync<MemberRemovalStatus>(stores, (store, worker) => [Task.Run(() => store.Members.RemoveMemberAsync("acme", $"o{worker % 2}", default))]).ConfigureAwait(false);
        var owners = (await Members.ListMembersAsync("acme", 0, 10, default).ConfigureAwait(false)).Items.Count(m => m.IsOwner);
        Assert.Equal(1, owners);
    }

    /// <summary>
    /// Two owners each leaving at once (each removing themselves, on a store instance of their own), beside a member who
    /// is no owner: exactly one leaves, the other is told <see cref="MemberRemovalStatus.LastOwner"/> and stays owner.
    /// </summary>
    [StoreFact]
    public async Task Owners_leaving_at_once_leave_exactly_one_owner()
    {
        for (var round = 0; round < 5; round++)
        {
            var account = $"leave{round}";
            await Members.TryAddFoundingOwnerAsync(new Member(account, "o0", [], true, T0, null), default).ConfigureAwait(false);
            var second = await InsertOneAsync(account, "second@example.com").ConfigureAwait(false);
            await AcceptAsync(Stores, second with { GrantsOwner = true }, new Member(account, "o1", [], true, T0, second.Id)).ConfigureAwait(false);
            var plain = await InsertOneAsync(account, "plain@example.com").ConfigureAwait(false);
            await AcceptAsync(Stores, plain, new Member(account, "m", [], false, T0, plain.Id)).ConfigureAwait(false);

            var stores = new[] { (await OpenAsync().ConfigureAwait(false)).Stores, (await OpenAsync().ConfigureAwait(false)).Stores };
            var outcomes = await RaceAsync<MemberRemovalStatus>(stores, (store, worker) => [Task.Run(() => store.Members.RemoveMemberAsync(account, $"o{worker}", default))]).ConfigureAwait(false);

            Assert.Equal(new[] { MemberRemovalStatus.Removed, MemberRemovalStatus.LastOwner }.Order(), outcomes.Order());
            var stayed = $"o{Array.IndexOf(outcomes, MemberRemovalStatus.LastOwner)}";
            var members = (await Members.ListMembersAsync(account, 0, 10, default).ConfigureAwait(false)).Items;
            Assert.Equal(new[] { "m", stayed }, members.Select(m => m.UserId).Order(StringComparer.Ordinal));
            Assert.True(members.Single(m => m.UserId == stayed).IsOwner);
            Assert.Equal(2, await Members.CountOccupiedSeatsAsync(account, T0, default).ConfigureAwait(false));
        }
    }
}
