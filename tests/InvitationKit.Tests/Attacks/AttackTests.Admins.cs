using InvitationKit.Testing.Conformance;
using InvitationKit.Tests.Infrastructure;

namespace InvitationKit.Tests.Attacks;

/// <summary>
/// Attacks 3 and 6: a tenant's USER_ADMIN probing who is registered, and granting roles it does not hold; and callers
/// who may not manage an account reading its seats or invitations.
/// </summary>
public abstract partial class AttackTests
{
    [StoreFact]
    public async Task A_user_admin_cannot_grant_a_role_it_does_not_hold()
    {
        await using var kit = await KitAsync();
        var userAdmin = await MemberAsync(kit, "ua@example.com", WellKnownRoles.UserAdmin, "VIEWER");
        var refused = (await kit.Manager.InviteAsync(userAdmin, new InviteRequest(TestKit.AccountId, TestKit.Product, [new InviteRecipient("accomplice@example.com", "VIEWER", "SUPERUSER")])))
            .ShouldFailWith(InvitationErrorCode.RoleGrantNotAllowed).Single();
        Assert.Contains("SUPERUSER", refused.Message, StringComparison.Ordinal);
        Assert.Empty((await kit.Manager.ListAsync(kit.Owner, new InvitationQuery(TestKit.AccountId, InvitationStatus.Pending))).ShouldSucceed().Items);

        var id = (await kit.Manager.InviteAsync(userAdmin, new InviteRequest(TestKit.AccountId, TestKit.Product, [new InviteRecipient("accomplice@example.com", "VIEWER")]))).ShouldSucceed().Invitations[0].Id;
        (await kit.Manager.ChangeRolesAsync(userAdmin, id, ["VIEWER", "SUPERUSER"], false)).ShouldFailWith(InvitationErrorCode.RoleGrantNotAllowed);
        Assert.Equal(["VIEWER"], (await kit.StoredAsync(id)).Roles);

        // Owners grant any role; a role already on the invitation may stay when a USER_ADMIN edits it.
        (await kit.Manager.ChangeRolesAsync(kit.Owner, id, ["VIEWER", "SUPERUSER"], false)).ShouldSucceed();
        (await kit.Manager.ChangeRolesAsync(userAdmin, id, ["SUPERUSER"], false)).ShouldSucceed();
    }

    [StoreFact]
    public async Task Probing_registration_state_through_explicit_modes_is_throttled()
    {
        await using var kit = await KitAsync(o => o.RateLimits = new InvitationRateLimitOptions { InvitesPerActor = new RateLimitRule(40, Duration.FromHours(1)) });
        var probes = Enumerable.Range(0, 19).Select(i => $"probe{i}@example.com").ToArray();
        for (var round = 0; round < 2; round++)
        {
            (await kit.InviteAsync(kit.Owner, InviteMode.ExistingUser, probes)).ShouldFailWith([.. Enumerable.Repeat(InvitationErrorCode.UserNotRegistered, 19)]);
        }

        var limited = (await kit.InviteAsync(kit.Owner, InviteMode.ExistingUser, probes)).ShouldFailWith(InvitationErrorCode.RateLimited).Single();
        Assert.NotNull(limited.RetryAfter);
    }

    [StoreFact]
    public async Task Hiding_registration_state_makes_explicit_modes_reveal_nothing()
    {
        await using var kit = await KitAsync(o => o.HideRegistrationState = true);
        kit.Users.AddUser("known@example.com");
        var views = (await kit.InviteAsync(kit.Owner, InviteMode.ExistingUser, "unknown@example.com")).ShouldSucceed().Invitations;
        Assert.Equal(InvitationKind.Undisclosed, views.Single().Kind);
        (await kit.InviteAsync(kit.Owner, InviteMode.NewUser, "known@example.com")).ShouldSucceed();
    }

    [StoreFact]
    public async Task Another_tenants_owner_a_plain_member_and_a_stranger_see_no_seat_count_and_no_page()
    {
        await using var kit = await KitAsync();
        await kit.InviteOneAsync("a@example.com");
        var otherOwner = await kit.TenantAsync("globex");
        var plain = await MemberAsync(kit, "plain@example.com", "EDITOR");
        foreach (var actor in new[] { otherOwner, plain, Actor.User("stranger") })
        {
            (await kit.Manager.GetSeatUsageAsync(actor, TestKit.AccountId)).ShouldFailWith(InvitationErrorCode.PermissionDenied);
            (await kit.Manager.ListAsync(actor, new InvitationQuery(TestKit.AccountId))).ShouldFailWith(InvitationErrorCode.PermissionDenied);
            (await kit.Manager.ListAsync(actor, new InvitationQuery(TestKit.AccountId, InvitationStatus.Pending, Limit: 1, IncludeTotal: false))).ShouldFailWith(InvitationErrorCode.PermissionDenied);

            // A malformed query tells them no more than a well-formed one.
            (await kit.Manager.ListAsync(actor, new InvitationQuery(TestKit.AccountId, Limit: 0))).ShouldFailWith(InvitationErrorCode.PermissionDenied);
            (await kit.Manager.ListAsync(actor, new InvitationQuery(TestKit.AccountId, ContinuationToken: "forged"))).ShouldFailWith(InvitationErrorCode.PermissionDenied);
        }

        // The account's own owner and a platform admin see both; the admin is no member.
        foreach (var actor in new[] { kit.Owner, Actor.Admin("root") })
        {
            Assert.Equal(3, (await kit.Manager.GetSeatUsageAsync(actor, TestKit.AccountId)).ShouldSucceed().Occupied);
            Assert.Equal(2, (await kit.Manager.ListAsync(actor, new InvitationQuery(TestKit.AccountId))).ShouldSucceed().TotalCount); // a@ pending, plain@ accepted
        }

        (await kit.Manager.ListAsync(kit.Owner, new InvitationQuery(TestKit.AccountId, Limit: 0))).ShouldFailWith(InvitationErrorCode.InvalidInput);
    }

    [Fact]
    public void No_display_name_of_a_non_member_leaves_the_kit()
    {
        foreach (var type in new[] { typeof(InvitationView), typeof(InvitationMessage), typeof(InvitationPreview), typeof(Invitation), typeof(DirectoryUser) })
        {
            Assert.DoesNotContain(type.GetProperties(), p => p.Name.Contains("Name", StringComparison.Ordinal) && p.Name is not ("AccountName" or "ProductName"));
        }
    }
}
