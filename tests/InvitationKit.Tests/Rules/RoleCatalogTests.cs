using InvitationKit.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace InvitationKit.Tests.Rules;

/// <summary>
/// Issue 22, the role catalog (<see cref="IRoleCatalog"/>): with one that lists roles, invites and role edits grant only
/// those, an unknown role is refused with the offered roles listed, and an invite dialog reads the same catalog through
/// the grant policy. Without one, any well-formed role is accepted, as before.
/// </summary>
public sealed class RoleCatalogTests
{
    private static async Task<(TestKit Kit, InMemoryRoleCatalog Catalog)> KitAsync()
    {
        var catalog = new InMemoryRoleCatalog();
        catalog.Offer(TestKit.Product, "VIEWER", "EDITOR", WellKnownRoles.UserAdmin);
        return (await TestKit.CreateAsync(services: s => s.AddSingleton<IRoleCatalog>(catalog)), catalog);
    }

    private static InviteRequest Request(params InviteRecipient[] recipients) => new(TestKit.AccountId, TestKit.Product, recipients);

    [Fact]
    public async Task A_typo_EDTIOR_is_refused_with_the_offered_roles_listed_and_nothing_is_invited()
    {
        var (kit, _) = await KitAsync();
        await using var _kit = kit;

        var result = await kit.Manager.InviteAsync(kit.Owner, Request(new InviteRecipient("ann@example.com", "VIEWER", "EDTIOR"), new InviteRecipient("bob@example.com", "EDITOR")));

        var error = Assert.Single(result.ShouldFailWith(InvitationErrorCode.UnknownRole));
        Assert.Equal("ann@example.com", error.Recipient);
        Assert.Contains("EDTIOR", error.Message, StringComparison.Ordinal);
        Assert.Contains("VIEWER, EDITOR, USER_ADMIN", error.Remedies[0], StringComparison.Ordinal);
        Assert.Empty(kit.Store.Invitations);
        Assert.Empty(kit.Mailer.Sent);

        // The dry run reports the same refusal.
        var check = (await kit.Manager.CheckInviteAsync(kit.Owner, Request(new InviteRecipient("ann@example.com", "VIEWER", "EDTIOR"), new InviteRecipient("bob@example.com", "EDITOR")))).ShouldSucceed();
        Assert.Equal([(InvitationErrorCode.UnknownRole, "ann@example.com")], check.Problems.Select(e => (e.Code, e.Recipient)));
    }

    [Fact]
    public async Task Role_names_match_the_catalog_as_the_one_normalization_compares_them_ordinally()
    {
        var (kit, _) = await KitAsync();
        await using var _kit = kit;

        // Role names are case-sensitive identifiers: "editor" is not the offered "EDITOR".
        (await kit.Manager.InviteAsync(kit.Owner, Request(new InviteRecipient("ann@example.com", "editor")))).ShouldFailWith(InvitationErrorCode.UnknownRole);
        var invited = (await kit.Manager.InviteAsync(kit.Owner, Request(new InviteRecipient("ann@example.com", "EDITOR", "EDITOR")))).ShouldSucceed();
        Assert.Equal(["EDITOR"], invited.Invitations[0].Roles);
    }

    [Fact]
    public async Task Editing_roles_refuses_an_unknown_role_and_keeps_one_the_catalog_no_longer_offers()
    {
        var (kit, catalog) = await KitAsync();
        await using var _kit = kit;
        var id = await kit.InviteOneAsync("ann@example.com"); // VIEWER

        (await kit.Manager.ChangeRolesAsync(kit.Owner, id, ["VIEWER", "EDTIOR"])).ShouldFailWith(InvitationErrorCode.UnknownRole);
        Assert.Equal(["VIEWER"], kit.Stored(id).Roles);

        // The catalog drops VIEWER: the invitation keeps it through an edit that adds an offered role.
        catalog.Offer(TestKit.Product, "EDITOR");
        var edited = (await kit.Manager.ChangeRolesAsync(kit.Owner, id, ["VIEWER", "EDITOR"])).ShouldSucceed();
        Assert.Equal(["VIEWER", "EDITOR"], edited.Roles);
    }

    [Fact]
    public async Task An_account_offers_its_own_roles_instead_of_the_products()
    {
        var (kit, catalog) = await KitAsync();
        await using var _kit = kit;
        catalog.OfferInAccount(TestKit.AccountId, TestKit.Product, "AUDITOR");

        (await kit.Manager.InviteAsync(kit.Owner, Request(new InviteRecipient("ann@example.com", "VIEWER")))).ShouldFailWith(InvitationErrorCode.UnknownRole);
        (await kit.Manager.InviteAsync(kit.Owner, Request(new InviteRecipient("ann@example.com", "AUDITOR")))).ShouldSucceed();
    }

    [Fact]
    public async Task Without_a_catalog_any_well_formed_role_is_accepted_as_before()
    {
        await using var kit = await TestKit.CreateAsync();

        var invited = (await kit.Manager.InviteAsync(kit.Owner, Request(new InviteRecipient("ann@example.com", "EDTIOR", "anything-at-all")))).ShouldSucceed();
        Assert.Equal(["EDTIOR", "anything-at-all"], invited.Invitations[0].Roles);
        (await kit.Manager.ChangeRolesAsync(kit.Owner, invited.Invitations[0].Id, ["VIEWR"])).ShouldSucceed();
        var grantable = (await kit.Manager.GetGrantableRolesAsync(kit.Owner, TestKit.AccountId, TestKit.Product)).ShouldSucceed();
        Assert.Equal((true, 0, true), (grantable.AnyRole, grantable.Roles.Count, grantable.CanGrantOwner));
    }

    [Fact]
    public async Task Grantable_roles_are_the_catalogs_roles_the_grant_policy_lets_the_actor_grant()
    {
        var (kit, _) = await KitAsync();
        await using var _kit = kit;
        var admin = Actor.User(kit.Member("admin@example.com", WellKnownRoles.UserAdmin, "EDITOR", "NOT_OFFERED").Id);

        var owners = (await kit.Manager.GetGrantableRolesAsync(kit.Owner, TestKit.AccountId, TestKit.Product)).ShouldSucceed();
        Assert.Equal(["VIEWER", "EDITOR", WellKnownRoles.UserAdmin], owners.Roles);
        Assert.Equal((false, true), (owners.AnyRole, owners.CanGrantOwner));

        // A USER_ADMIN grants only roles they hold, and only those the catalog offers.
        var admins = (await kit.Manager.GetGrantableRolesAsync(admin, TestKit.AccountId, TestKit.Product)).ShouldSucceed();
        Assert.Equal(["EDITOR", WellKnownRoles.UserAdmin], admins.Roles); // in the catalog's order
        Assert.Equal((false, false), (admins.AnyRole, admins.CanGrantOwner));

        // What the dialog offers is what the invite grants; what it does not offer is refused.
        (await kit.Manager.InviteAsync(admin, Request(new InviteRecipient("ann@example.com", [.. admins.Roles])))).ShouldSucceed();
        (await kit.Manager.InviteAsync(admin, Request(new InviteRecipient("bob@example.com", "VIEWER")))).ShouldFailWith(InvitationErrorCode.RoleGrantNotAllowed);
        (await kit.Manager.InviteAsync(admin, Request(new InviteRecipient("bob@example.com", "NOT_OFFERED")))).ShouldFailWith(InvitationErrorCode.UnknownRole);
    }

    [Fact]
    public async Task Grantable_roles_are_refused_to_a_stranger_and_for_a_product_nobody_is_invited_into()
    {
        var (kit, _) = await KitAsync();
        await using var _kit = kit;
        var stranger = await kit.TenantAsync("globex");

        (await kit.Manager.GetGrantableRolesAsync(stranger, TestKit.AccountId, TestKit.Product)).ShouldFailWith(InvitationErrorCode.PermissionDenied);
        (await kit.Manager.GetGrantableRolesAsync(stranger, "no-such-account", TestKit.Product)).ShouldFailWith(InvitationErrorCode.PermissionDenied);
        (await kit.Manager.GetGrantableRolesAsync(kit.Owner, TestKit.AccountId, "no-such-product")).ShouldFailWith(InvitationErrorCode.ProductNotFound);
        (await kit.Manager.GetGrantableRolesAsync(kit.Owner, TestKit.AccountId, TestKit.SingleAccountProduct)).ShouldFailWith(InvitationErrorCode.ProductIsSingleAccount);
        (await kit.Manager.GetGrantableRolesAsync(kit.Owner, TestKit.AccountId, "bad\nid")).ShouldFailWith(InvitationErrorCode.InvalidInput);
    }
}
