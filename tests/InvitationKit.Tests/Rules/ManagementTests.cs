using InvitationKit.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace InvitationKit.Tests.Rules;

/// <summary>Rules 12–15 and 17: resend, revoke, edit roles, list, remove members; and expiry maintenance.</summary>
public sealed class ManagementTests
{
    [Fact]
    public async Task Resend_issues_a_fresh_secret_kills_the_old_renews_expiry_and_mails_again()
    {
        await using var kit = await TestKit.CreateAsync();
        var id = await kit.InviteOneAsync("a@example.com");
        var oldSecret = kit.SecretFor("a@example.com");
        kit.Clock.Advance(Duration.FromDays(3));

        var view = (await kit.Manager.ResendAsync(kit.Owner, id)).ShouldSucceed();

        var newMail = kit.Mailer.LastTo("a@example.com");
        Assert.True(newMail.IsResend);
        Assert.NotEqual(oldSecret, newMail.Secret);
        Assert.Equal(kit.Clock.GetCurrentInstant() + Duration.FromDays(7), view.ExpiresAt);
        Assert.Equal(2, kit.Mailer.Sent.Count(m => m.InvitationId == id));
        Assert.Equal(2, kit.Stored(id).SendCount);
        (await kit.Manager.AcceptAsync(oldSecret, new SignedInIdentity("u1", "a@example.com", "password", EmailVerified: true))).ShouldFailWith(InvitationErrorCode.InvitationNotFound);
        (await kit.AcceptAsync("a@example.com")).ShouldSucceed();
    }

    [Fact]
    public async Task A_resend_applies_the_product_rules_of_an_invite()
    {
        await using var kit = await TestKit.CreateAsync();
        var id = await kit.InviteOneAsync("a@example.com");
        var mails = kit.Mailer.Sent.Count;

        // The host made the product single-account since: an invite into it is refused, and so is a fresh mail for it.
        var products = (InMemoryProductCatalog)kit.Services.GetRequiredService<IProductCatalog>();
        products.Add(new ProductInfo(TestKit.Product, "Conversational Cloud", MultiAccountMode.SingleAccount));
        (await kit.Manager.ResendAsync(kit.Owner, id)).ShouldFailWith(InvitationErrorCode.ProductIsSingleAccount);
        Assert.Equal(mails, kit.Mailer.Sent.Count);
        Assert.Equal(1, kit.Stored(id).SendCount);
    }

    [Fact]
    public async Task An_expired_invitation_cannot_be_resent()
    {
        await using var kit = await TestKit.CreateAsync();
        var id = await kit.InviteOneAsync("a@example.com");
        kit.Clock.Advance(Duration.FromDays(7));
        var error = (await kit.Manager.ResendAsync(kit.Owner, id)).ShouldFailWith(InvitationErrorCode.InvitationExpired).Single();
        Assert.Contains(error.Remedies, r => r.Contains("new invitation", StringComparison.Ordinal));
        (await kit.Manager.RevokeAsync(kit.Owner, id)).ShouldFailWith(InvitationErrorCode.InvitationExpired);
        (await kit.Manager.ChangeRolesAsync(kit.Owner, id, ["X"], false)).ShouldFailWith(InvitationErrorCode.InvitationExpired);
    }

    [Fact]
    public async Task Unknown_invitation_ids_are_not_found()
    {
        await using var kit = await TestKit.CreateAsync();
        var unknown = Guid.NewGuid();
        (await kit.Manager.ResendAsync(kit.Owner, unknown)).ShouldFailWith(InvitationErrorCode.InvitationNotFound);
        (await kit.Manager.RevokeAsync(kit.Owner, unknown)).ShouldFailWith(InvitationErrorCode.InvitationNotFound);
        (await kit.Manager.GetAsync(kit.Owner, unknown)).ShouldFailWith(InvitationErrorCode.InvitationNotFound);
        (await kit.Manager.ChangeRolesAsync(kit.Owner, unknown, [], false)).ShouldFailWith(InvitationErrorCode.InvitationNotFound);
    }

    [Fact]
    public async Task Revoking_twice_is_the_same_success_for_the_same_actor_and_not_pending_for_another()
    {
        await using var kit = await TestKit.CreateAsync();
        var id = await kit.InviteOneAsync("a@example.com");
        Assert.Equal(InvitationStatus.Revoked, (await kit.Manager.RevokeAsync(kit.Owner, id)).ShouldSucceed().Status);
        Assert.Equal(InvitationStatus.Revoked, (await kit.Manager.RevokeAsync(kit.Owner, id)).ShouldSucceed().Status);
        Assert.Equal(InvitationStatus.Revoked, (await kit.Manager.RevokeAsync(Actor.Admin("ops"), id)).ShouldFailWith(InvitationErrorCode.InvitationNotPending).Single().Status);
        Assert.Single(kit.Events.Events, e => e.Kind == InvitationEventKind.Revoked);
        Assert.Contains(kit.Events.Events, e => e.Kind == InvitationEventKind.Revoked && e.ActorId == "owner");
    }

    [Fact]
    public async Task Editing_roles_changes_what_the_member_gets()
    {
        await using var kit = await TestKit.CreateAsync();
        var id = await kit.InviteOneAsync("a@example.com");
        (await kit.Manager.ChangeRolesAsync(kit.Owner, id, ["EDITOR", WellKnownRoles.UserAdmin], grantsOwner: true)).ShouldSucceed();
        var member = (await kit.AcceptAsync("a@example.com")).ShouldSucceed();
        Assert.Equal(["EDITOR", WellKnownRoles.UserAdmin], member.Roles);
        Assert.True(member.IsOwner);
        (await kit.Manager.ChangeRolesAsync(kit.Owner, id, ["X"], false)).ShouldFailWith(InvitationErrorCode.InvitationNotPending);
        (await kit.Manager.ChangeRolesAsync(kit.Owner, id, ["bad\u0007"], false)).ShouldFailWith(InvitationErrorCode.InvalidRole);
    }

    [Fact]
    public async Task Listing_filters_by_effective_status_pages_and_shows_every_field()
    {
        await using var kit = await TestKit.CreateAsync();
        kit.User("known@example.com");
        await kit.InviteOneAsync("known@example.com");
        kit.Clock.Advance(Duration.FromMinutes(1));
        var revoked = await kit.InviteOneAsync("r@example.com");
        await kit.Manager.RevokeAsync(kit.Owner, revoked);
        kit.Clock.Advance(Duration.FromMinutes(1));
        for (var i = 0; i < 5; i++)
        {
            await kit.InviteOneAsync($"p{i}@example.com");
            kit.Clock.Advance(Duration.FromMinutes(1));
        }

        var all = (await kit.Manager.ListAsync(kit.Owner, new InvitationQuery(TestKit.AccountId))).ShouldSucceed();
        Assert.Equal(7, all.TotalCount);
        Assert.Equal("p4@example.com", all.Items[0].Email); // newest first

        var known = all.Items.Single(i => i.Email == "known@example.com");
        Assert.Equal((InvitationKind.ExistingUser, "owner", DeliveryState.Sent), (known.Kind, known.InvitedBy, known.Delivery));
        Assert.Equal(["VIEWER"], known.Roles);
        Assert.Equal(known.CreatedAt + Duration.FromDays(7), known.ExpiresAt);

        var page = (await kit.Manager.ListAsync(kit.Owner, new InvitationQuery(TestKit.AccountId, InvitationStatus.Pending, Offset: 2, Limit: 2))).ShouldSucceed();
        Assert.Equal(6, page.TotalCount);
        Assert.Equal(["p2@example.com", "p1@example.com"], page.Items.Select(i => i.Email));
        Assert.True(page.HasMore);

        kit.Clock.Advance(Duration.FromDays(7) - Duration.FromMinutes(6));
        var expired = (await kit.Manager.ListAsync(kit.Owner, new InvitationQuery(TestKit.AccountId, InvitationStatus.Expired))).ShouldSucceed();
        Assert.Equal(["known@example.com"], expired.Items.Select(i => i.Email));
        var revokedPage = (await kit.Manager.ListAsync(kit.Owner, new InvitationQuery(TestKit.AccountId, InvitationStatus.Revoked))).ShouldSucceed();
        Assert.Equal(["r@example.com"], revokedPage.Items.Select(i => i.Email));
    }

    [Theory]
    [InlineData("i1.forged")]
    [InlineData("i1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==")]
    [InlineData("not-a-token")]
    [InlineData("")]
    [InlineData("i1.\u0000\u0001")]
    public async Task A_forged_continuation_token_is_invalid_input(string token)
    {
        await using var kit = await TestKit.CreateAsync();
        await kit.InviteOneAsync("p@example.com");
        (await kit.Manager.ListAsync(kit.Owner, new InvitationQuery(TestKit.AccountId, ContinuationToken: token))).ShouldFailWith(InvitationErrorCode.InvalidInput);
    }

    [Fact]
    public async Task Searching_finds_addresses_by_their_start_as_addresses_compare_and_by_inviter()
    {
        await using var kit = await TestKit.CreateAsync();
        var ada = kit.Member("ada@acme.example", WellKnownRoles.UserAdmin, "VIEWER").Id;
        await kit.InviteOneAsync("Bob@Example.com");
        kit.Clock.Advance(Duration.FromMinutes(1)); // newest first: one order to expect
        await kit.InviteOneAsync("bobby@bücher.example");
        (await kit.Manager.InviteAsync(Actor.User(ada), new InviteRequest(TestKit.AccountId, TestKit.Product, [new InviteRecipient("carol@example.com", "VIEWER")]))).ShouldSucceed();

        async Task<string[]> Found(string? search, string? inviter = null) =>
            [.. (await kit.Manager.ListAsync(kit.Owner, new InvitationQuery(TestKit.AccountId, EmailPrefix: search, InvitedBy: inviter))).ShouldSucceed().Items.Select(i => i.Email)];

        Assert.Equal(["bobby@xn--bcher-kva.example", "Bob@example.com"], await Found("BOB"));
        Assert.Equal(["Bob@example.com"], await Found(" bob@EXAMPLE.com "));
        Assert.Equal(["bobby@xn--bcher-kva.example"], await Found("Bobby@Bücher.example")); // a whole address: its key
        Assert.Equal(["carol@example.com"], await Found(null, inviter: ada));
        Assert.Empty(await Found("bob", inviter: ada));
        foreach (var bad in new[] { "bob smith", "bob\u0000", " ", new string('a', 255), "bob\uD800" })
        {
            var refused = (await kit.Manager.ListAsync(kit.Owner, new InvitationQuery(TestKit.AccountId, EmailPrefix: bad))).ShouldFailWith(InvitationErrorCode.InvalidInput);
            Assert.Contains("address search", Assert.Single(refused).Message, StringComparison.Ordinal);
        }

        (await kit.Manager.ListAsync(kit.Owner, new InvitationQuery(TestKit.AccountId, InvitedBy: "a\u0000"))).ShouldFailWith(InvitationErrorCode.InvalidInput);
        (await kit.Manager.ListAsync(Actor.User("stranger"), new InvitationQuery(TestKit.AccountId, EmailPrefix: "bob smith"))).ShouldFailWith(InvitationErrorCode.PermissionDenied);
    }

    [Fact]
    public async Task A_continuation_token_pages_on_and_refuses_an_offset_beside_it()
    {
        await using var kit = await TestKit.CreateAsync();
        for (var i = 0; i < 3; i++)
        {
            await kit.InviteOneAsync($"p{i}@example.com");
            kit.Clock.Advance(Duration.FromMinutes(1));
        }

        var first = (await kit.Manager.ListAsync(kit.Owner, new InvitationQuery(TestKit.AccountId, Limit: 2, IncludeTotal: false))).ShouldSucceed();
        Assert.Null(first.TotalCount);
        Assert.True(first.HasMore);
        var next = (await kit.Manager.ListAsync(kit.Owner, new InvitationQuery(TestKit.AccountId, Limit: 2, ContinuationToken: first.ContinuationToken))).ShouldSucceed();
        Assert.Equal(["p0@example.com"], next.Items.Select(i => i.Email));
        Assert.False(next.HasMore);
        (await kit.Manager.ListAsync(kit.Owner, new InvitationQuery(TestKit.AccountId, Offset: 1, ContinuationToken: first.ContinuationToken))).ShouldFailWith(InvitationErrorCode.InvalidInput);
    }

    [Theory]
    [InlineData(-1, 10)]
    [InlineData(0, 0)]
    [InlineData(0, 101)]
    public async Task Invalid_pages_are_refused(int offset, int limit)
    {
        await using var kit = await TestKit.CreateAsync();
        (await kit.Manager.ListAsync(kit.Owner, new InvitationQuery(TestKit.AccountId, Offset: offset, Limit: limit))).ShouldFailWith(InvitationErrorCode.InvalidInput);
    }

    [Fact]
    public async Task Removing_members_never_removes_the_last_owner()
    {
        await using var kit = await TestKit.CreateAsync();
        var error = (await kit.Manager.RemoveMemberAsync(kit.Owner, TestKit.AccountId, "owner")).ShouldFailWith(InvitationErrorCode.LastOwner).Single();
        Assert.Contains(error.Remedies, r => r.Contains("owner capability", StringComparison.Ordinal));
        kit.Store.SeedMember(new Member(TestKit.AccountId, "second-owner", [], true, kit.Clock.GetCurrentInstant(), null));
        (await kit.Manager.RemoveMemberAsync(kit.Owner, TestKit.AccountId, "owner")).ShouldSucceed();
        (await kit.Manager.RemoveMemberAsync(Actor.Admin("root"), TestKit.AccountId, "second-owner")).ShouldFailWith(InvitationErrorCode.LastOwner);
        Assert.Contains(kit.Events.Events, e => e.Kind == InvitationEventKind.MemberRemoved && e.UserId == "owner");
    }

    [Fact]
    public async Task A_user_admin_may_remove_members_but_not_owners()
    {
        await using var kit = await TestKit.CreateAsync();
        var userAdmin = Actor.User(kit.Member("ua@example.com", WellKnownRoles.UserAdmin).Id);
        var plain = kit.Member("plain@example.com");
        (await kit.Manager.RemoveMemberAsync(userAdmin, TestKit.AccountId, "owner")).ShouldFailWith(InvitationErrorCode.OwnerGrantNotAllowed);
        (await kit.Manager.RemoveMemberAsync(userAdmin, TestKit.AccountId, plain.Id)).ShouldSucceed();
        (await kit.Manager.RemoveMemberAsync(userAdmin, TestKit.AccountId, plain.Id)).ShouldFailWith(InvitationErrorCode.MemberNotFound);
    }

    [Fact]
    public async Task Members_are_listed()
    {
        await using var kit = await TestKit.CreateAsync();
        kit.Member("m@example.com", "EDITOR");
        var page = (await kit.Manager.ListMembersAsync(kit.Owner, new MemberQuery(TestKit.AccountId))).ShouldSucceed();
        Assert.Equal(2, page.TotalCount);
        Assert.Equal("owner", page.Items[0].UserId);
    }

    [Fact]
    public async Task A_founding_owner_is_added_only_to_an_empty_account()
    {
        await using var kit = await TestKit.CreateAsync();
        (await kit.Manager.AddFoundingOwnerAsync(TestKit.AccountId, "intruder")).ShouldFailWith(InvitationErrorCode.AccountAlreadyHasMembers);
        (await kit.Manager.AddFoundingOwnerAsync("missing", "u")).ShouldFailWith(InvitationErrorCode.AccountNotFound);
    }

    [Fact]
    public async Task Expiry_maintenance_persists_expired_statuses_once()
    {
        await using var kit = await TestKit.CreateAsync();
        var old = await kit.InviteOneAsync("old@example.com");
        kit.Clock.Advance(Duration.FromDays(5));
        var young = await kit.InviteOneAsync("young@example.com");
        kit.Clock.Advance(Duration.FromDays(3));

        Assert.Equal(1, (await kit.Manager.ExpireOverdueAsync()).ShouldSucceed());
        Assert.Equal(0, (await kit.Manager.ExpireOverdueAsync()).ShouldSucceed());
        Assert.Equal(InvitationStatus.Expired, kit.Stored(old).Status);
        Assert.Equal(InvitationStatus.Pending, kit.Stored(young).Status);
        Assert.Contains(kit.Events.Events, e => e.Kind == InvitationEventKind.Expired && e.InvitationId == old);
    }
}
