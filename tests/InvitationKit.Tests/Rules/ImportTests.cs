using InvitationKit.Tests.Infrastructure;
using NodaTime;

namespace InvitationKit.Tests.Rules;

/// <summary>Importing an existing tenant's members: atomic, within the seat limit, with an owner, and rerunnable.</summary>
public sealed class ImportTests
{
    private static MemberImport Import(string accountId, params ImportedMember[] members) => new(accountId, members);

    private static async Task<TestKit> EmptyAccountAsync(int? userLimit = null)
    {
        var kit = await TestKit.CreateAsync(seed: false);
        kit.Accounts.Add(new AccountInfo("legacy", "Legacy Ltd", userLimit));
        return kit;
    }

    [Fact]
    public async Task An_import_brings_members_in_with_their_roles_owner_flags_and_join_times()
    {
        await using var kit = await EmptyAccountAsync();
        var joined = Instant.FromUtc(2019, 5, 1, 0, 0);

        var outcome = (await kit.Manager.ImportMembersAsync(Import("legacy",
            new ImportedMember("u-owner", [], IsOwner: true, joined),
            new ImportedMember("u-admin", [WellKnownRoles.UserAdmin, "EDITOR"]),
            new ImportedMember("u-viewer", ["VIEWER", "VIEWER"])))).ShouldSucceed();

        Assert.Equal(3, outcome.Imported.Count);
        Assert.Empty(outcome.AlreadyMembers);
        var owner = kit.Store.Members.Single(m => m.UserId == "u-owner");
        Assert.Equal((true, joined, (Guid?)null), (owner.IsOwner, owner.JoinedAt, owner.InvitationId));
        Assert.Equal(["VIEWER"], kit.Store.Members.Single(m => m.UserId == "u-viewer").Roles);
        Assert.Equal(3, (await kit.Manager.GetSeatUsageAsync(Actor.User("u-owner"), "legacy")).ShouldSucceed().Occupied);
        Assert.Equal(3, kit.Events.Events.Count(e => e.Kind == InvitationEventKind.MemberImported && e.AccountId == "legacy"));
    }

    [Fact]
    public async Task Imported_permissions_hold_at_once_a_user_admin_invites_and_a_viewer_cannot()
    {
        await using var kit = await EmptyAccountAsync();
        (await kit.Manager.ImportMembersAsync(Import("legacy",
            new ImportedMember("u-owner", [], IsOwner: true),
            new ImportedMember("u-admin", [WellKnownRoles.UserAdmin, "VIEWER"]),
            new ImportedMember("u-viewer", ["VIEWER"])))).ShouldSucceed();
        InviteRequest Request(string email) => new("legacy", TestKit.Product, [new InviteRecipient(email, "VIEWER")]);

        (await kit.Manager.InviteAsync(Actor.User("u-admin"), Request("a@example.com"))).ShouldSucceed();
        (await kit.Manager.InviteAsync(Actor.User("u-viewer"), Request("b@example.com"))).ShouldFailWith(InvitationErrorCode.PermissionDenied);
    }

    [Fact]
    public async Task A_rerun_leaves_existing_members_unchanged_and_reports_them()
    {
        await using var kit = await EmptyAccountAsync();
        (await kit.Manager.ImportMembersAsync(Import("legacy", new ImportedMember("u1", ["OLD"], IsOwner: true)))).ShouldSucceed();

        var outcome = (await kit.Manager.ImportMembersAsync(Import("legacy", new ImportedMember("u1", ["NEW"]), new ImportedMember("u2", ["VIEWER"])))).ShouldSucceed();

        Assert.Equal(["u2"], outcome.Imported.Select(m => m.UserId));
        Assert.Equal(["u1"], outcome.AlreadyMembers);
        var kept = kit.Store.Members.Single(m => m.UserId == "u1");
        Assert.Equal(["OLD"], kept.Roles);
        Assert.True(kept.IsOwner);
    }

    [Fact]
    public async Task An_import_over_the_seat_limit_adds_nothing_and_gives_the_figures()
    {
        await using var kit = await EmptyAccountAsync(userLimit: 2);
        var error = (await kit.Manager.ImportMembersAsync(Import("legacy",
            new ImportedMember("u1", [], IsOwner: true), new ImportedMember("u2", []), new ImportedMember("u3", [])))).ShouldFailWith(InvitationErrorCode.UserLimitExceeded)[0];

        Assert.Equal(new SeatLimitDetails(2, 0, 3), error.SeatLimit);
        Assert.Empty(kit.Store.Members);
    }

    [Fact]
    public async Task Already_members_do_not_count_as_new_seats()
    {
        await using var kit = await EmptyAccountAsync(userLimit: 2);
        (await kit.Manager.ImportMembersAsync(Import("legacy", new ImportedMember("u1", [], IsOwner: true)))).ShouldSucceed();

        (await kit.Manager.ImportMembersAsync(Import("legacy", new ImportedMember("u1", []), new ImportedMember("u2", [])))).ShouldSucceed();
        Assert.Equal(2, kit.Store.Members.Count);
    }

    [Fact]
    public async Task Pending_invitations_count_against_the_import()
    {
        await using var kit = await TestKit.CreateAsync(userLimit: 2);
        await kit.InviteOneAsync("a@example.com");

        (await kit.Manager.ImportMembersAsync(Import(TestKit.AccountId, new ImportedMember("u2", [])))).ShouldFailWith(InvitationErrorCode.UserLimitExceeded);
    }

    [Fact]
    public async Task An_account_without_an_owner_must_receive_one()
    {
        await using var kit = await EmptyAccountAsync();
        (await kit.Manager.ImportMembersAsync(Import("legacy", new ImportedMember("u1", ["VIEWER"])))).ShouldFailWith(InvitationErrorCode.OwnerRequired);
        Assert.Empty(kit.Store.Members);

        await using var seeded = await TestKit.CreateAsync();
        (await seeded.Manager.ImportMembersAsync(Import(TestKit.AccountId, new ImportedMember("u1", ["VIEWER"])))).ShouldSucceed();
    }

    [Fact]
    public async Task Every_bad_member_is_reported_together_and_nothing_is_written()
    {
        await using var kit = await EmptyAccountAsync();
        var errors = (await kit.Manager.ImportMembersAsync(Import("legacy",
            new ImportedMember("u1", [], IsOwner: true),
            new ImportedMember("u1", []),
            new ImportedMember("", []),
            new ImportedMember("u3", ["bad\nrole"]),
            new ImportedMember("u4", [], JoinedAt: kit.Clock.GetCurrentInstant() + Duration.FromDays(1)))))
            .ShouldFailWith(InvitationErrorCode.InvalidInput, InvitationErrorCode.InvalidInput, InvitationErrorCode.InvalidRole, InvitationErrorCode.InvalidInput);

        Assert.Contains(errors, e => e.Message.Contains("more than once", StringComparison.Ordinal));
        Assert.Empty(kit.Store.Members);
    }

    [Fact]
    public async Task Batch_size_and_account_are_checked()
    {
        await using var kit = await EmptyAccountAsync();
        (await kit.Manager.ImportMembersAsync(Import("legacy"))).ShouldFailWith(InvitationErrorCode.BatchEmpty);
        var crowd = Enumerable.Range(0, MemberImport.MaxMembers + 1).Select(i => new ImportedMember($"u{i}", [], IsOwner: i == 0)).ToArray();
        (await kit.Manager.ImportMembersAsync(Import("legacy", crowd))).ShouldFailWith(InvitationErrorCode.BatchTooLarge);
        (await kit.Manager.ImportMembersAsync(Import("nowhere", new ImportedMember("u1", [], IsOwner: true)))).ShouldFailWith(InvitationErrorCode.AccountNotFound);
    }
}
