using InvitationKit.Ports;
using Xunit;

namespace InvitationKit.Testing.Conformance;

/// <summary>Importing members: all or nothing, within the seat limit, with an owner, leaving existing members alone.</summary>
public abstract partial class InvitationStoreConformanceTests
{
    /// <summary>New members are added; existing ones are reported and left unchanged.</summary>
    [StoreFact]
    public async Task An_import_adds_new_members_and_leaves_existing_ones_unchanged()
    {
        await Members.TryAddFoundingOwnerAsync(new Member("acme", "u1", ["OLD"], true, T0, null), default).ConfigureAwait(false);
        var result = await Members.ImportMembersAsync(new MemberImportBatch("acme", 10, T0,
            [new Member("acme", "u1", ["NEW"], false, T0, null), new Member("acme", "u2", ["VIEWER"], false, T0, null)]), default).ConfigureAwait(false);

        Assert.Equal((MemberImportStatus.Imported, 1), (result.Status, result.OccupiedSeats));
        Assert.Equal(["u1"], result.AlreadyMembers);
        Assert.Equal(["OLD"], (await Members.FindMemberAsync("acme", "u1", default).ConfigureAwait(false))!.Roles);
        Assert.Equal(["VIEWER"], (await Members.FindMemberAsync("acme", "u2", default).ConfigureAwait(false))!.Roles);
    }

    /// <summary>An import that would exceed the limit, counting pending invitations, adds nothing.</summary>
    [StoreFact]
    public async Task An_import_over_the_limit_adds_nothing()
    {
        await InsertOneAsync("acme", "a@example.com").ConfigureAwait(false);
        var result = await Members.ImportMembersAsync(new MemberImportBatch("acme", 2, T0,
            [new Member("acme", "u1", [], true, T0, null), new Member("acme", "u2", [], false, T0, null)]), default).ConfigureAwait(false);

        Assert.Equal((MemberImportStatus.SeatsExhausted, 1), (result.Status, result.OccupiedSeats));
        Assert.Equal(0, (await Members.ListMembersAsync("acme", 0, 10, default).ConfigureAwait(false)).TotalCount);
    }

    /// <summary>An account is never left with members but no owner.</summary>
    [StoreFact]
    public async Task An_import_without_an_owner_into_an_ownerless_account_adds_nothing()
    {
        var result = await Members.ImportMembersAsync(new MemberImportBatch("acme", 10, T0, [new Member("acme", "u1", [], false, T0, null)]), default).ConfigureAwait(false);

        Assert.Equal(MemberImportStatus.OwnerRequired, result.Status);
        Assert.Null(await Members.FindMemberAsync("acme", "u1", default).ConfigureAwait(false));
    }

    /// <summary>Imports racing for the last seats across store instances never exceed the limit.</summary>
    [StoreFact]
    public async Task Racing_imports_never_exceed_the_limit()
    {
        await Members.TryAddFoundingOwnerAsync(new Member("acme", "owner", [], true, T0, null), default).ConfigureAwait(false);
        var stores = await OpenManyAsync().ConfigureAwait(false);
        await RaceAsync<MemberImportStatus>(stores, (store, worker) => [Task.Run(async () =>
            (await store.Members.ImportMembersAsync(new MemberImportBatch("acme", 3, T0,
                [new Member("acme", $"w{worker}a", [], false, T0, null), new Member("acme", $"w{worker}b", [], false, T0, null)]), default).ConfigureAwait(false)).Status)]).ConfigureAwait(false);

        Assert.Equal(3, (await Members.ListMembersAsync("acme", 0, 100, default).ConfigureAwait(false)).TotalCount);
    }
}
