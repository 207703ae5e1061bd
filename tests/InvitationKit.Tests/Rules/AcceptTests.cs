using InvitationKit.Tests.Infrastructure;

namespace InvitationKit.Tests.Rules;

/// <summary>Rules 7 and 9: accepting with the link secret and the signed-in identity.</summary>
public sealed class AcceptTests
{
    [Fact]
    public async Task Accepting_makes_the_user_a_member_with_the_invited_roles_and_owner_flag()
    {
        await using var kit = await TestKit.CreateAsync();
        var bob = kit.User("Bob@Example.com");
        var request = new InviteRequest(TestKit.AccountId, TestKit.Product, [new InviteRecipient("bob@example.com", ["EDITOR", "VIEWER"], GrantsOwner: true)]);
        var id = (await kit.Manager.InviteAsync(kit.Owner, request)).ShouldSucceed().Invitations[0].Id;

        var member = (await kit.Manager.AcceptAsync(kit.SecretFor("bob@example.com"), new SignedInIdentity(bob.Id, "BOB@example.COM", "Google", EmailVerified: true))).ShouldSucceed();

        Assert.Equal((TestKit.AccountId, bob.Id, true), (member.AccountId, member.UserId, member.IsOwner));
        Assert.Equal(["EDITOR", "VIEWER"], member.Roles);
        Assert.Equal(member, kit.Store.Members.Single(m => m.UserId == bob.Id));
        Assert.Equal(InvitationStatus.Accepted, kit.Stored(id).Status);
        Assert.Contains(kit.Events.Events, e => e.Kind == InvitationEventKind.Accepted && e.InvitationId == id);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-secret")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task An_unknown_secret_is_not_found(string secret)
    {
        await using var kit = await TestKit.CreateAsync();
        await kit.InviteOneAsync("a@example.com");
        (await kit.Manager.AcceptAsync(secret, new SignedInIdentity("u", "a@example.com", "password", EmailVerified: true))).ShouldFailWith(InvitationErrorCode.InvitationNotFound);
    }

    [Fact]
    public async Task A_ten_megabyte_secret_is_not_found_and_not_hashed()
    {
        await using var kit = await TestKit.CreateAsync();
        (await kit.Manager.AcceptAsync(new string('A', 10_000_000), new SignedInIdentity("u", "a@example.com", "password", EmailVerified: true))).ShouldFailWith(InvitationErrorCode.InvitationNotFound);
        (await kit.Manager.RejectAsync(new string('A', 10_000_000))).ShouldFailWith(InvitationErrorCode.InvitationNotFound);
    }

    [Fact]
    public async Task An_invitation_expires_after_seven_days_and_can_never_be_accepted()
    {
        await using var kit = await TestKit.CreateAsync();
        var id = await kit.InviteOneAsync("a@example.com");
        Assert.Equal(kit.Clock.GetCurrentInstant() + Duration.FromDays(7), kit.Stored(id).ExpiresAt);
        kit.Clock.Advance(Duration.FromDays(7) - Duration.FromSeconds(1));
        Assert.Equal(InvitationStatus.Pending, (await kit.Manager.GetAsync(kit.Owner, id)).ShouldSucceed().Status);
        kit.Clock.Advance(Duration.FromSeconds(1));
        var error = (await kit.AcceptAsync("a@example.com")).ShouldFailWith(InvitationErrorCode.InvitationExpired).Single();
        Assert.Contains(error.Remedies, r => r.Contains("new invitation", StringComparison.Ordinal));
        Assert.Equal(InvitationStatus.Expired, (await kit.Manager.GetAsync(kit.Owner, id)).ShouldSucceed().Status);
        Assert.Single(kit.Store.Members); // the owner only
    }

    [Fact]
    public async Task The_lifetime_is_configurable()
    {
        await using var kit = await TestKit.CreateAsync(o => o.InvitationLifetime = Duration.FromHours(1));
        await kit.InviteOneAsync("a@example.com");
        kit.Clock.Advance(Duration.FromHours(1));
        (await kit.AcceptAsync("a@example.com")).ShouldFailWith(InvitationErrorCode.InvitationExpired);
    }

    [Theory]
    [InlineData(InvitationStatus.Accepted)]
    [InlineData(InvitationStatus.Rejected)]
    [InlineData(InvitationStatus.Revoked)]
    public async Task A_resolved_invitation_is_not_pending_and_says_its_status(InvitationStatus status)
    {
        await using var kit = await TestKit.CreateAsync();
        var id = await kit.InviteOneAsync("a@example.com");
        var secret = kit.SecretFor("a@example.com");
        switch (status)
        {
            case InvitationStatus.Accepted: (await kit.AcceptAsync("a@example.com")).ShouldSucceed(); break;
            case InvitationStatus.Rejected: (await kit.Manager.RejectAsync(secret)).ShouldSucceed(); break;
            case InvitationStatus.Revoked: (await kit.Manager.RevokeAsync(kit.Owner, id)).ShouldSucceed(); break;
        }

        var error = (await kit.Manager.AcceptAsync(secret, new SignedInIdentity("u2", "a@example.com", "password", EmailVerified: true))).ShouldFailWith(InvitationErrorCode.InvitationNotPending).Single();
        Assert.Equal(status, error.Status);
        if (status != InvitationStatus.Rejected)
        {
            (await kit.Manager.RejectAsync(secret)).ShouldFailWith(InvitationErrorCode.InvitationNotPending);
        }
    }

    [Fact]
    public async Task Repeating_an_accept_after_a_lost_reply_returns_the_same_membership_and_changes_nothing()
    {
        await using var kit = await TestKit.CreateAsync();
        await kit.InviteOneAsync("a@example.com");
        var first = (await kit.AcceptAsync("a@example.com")).ShouldSucceed();
        var events = kit.Events.Events.Count;

        Assert.Equal(first, (await kit.AcceptAsync("a@example.com")).ShouldSucceed());
        Assert.Equal(events, kit.Events.Events.Count);
        Assert.Single(kit.Store.Members, m => m.UserId == first.UserId);
    }

    [Fact]
    public async Task Repeating_a_reject_returns_the_same_success_and_changes_nothing()
    {
        await using var kit = await TestKit.CreateAsync();
        await kit.InviteOneAsync("a@example.com");
        var secret = kit.SecretFor("a@example.com");
        var first = (await kit.Manager.RejectAsync(secret)).ShouldSucceed();
        Assert.Equal(first.Status, (await kit.Manager.RejectAsync(secret)).ShouldSucceed().Status);
        Assert.Single(kit.Events.Events, e => e.Kind == InvitationEventKind.Rejected);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public async Task A_provider_that_disclosed_no_email_is_refused_with_both_remedies(string? email)
    {
        await using var kit = await TestKit.CreateAsync();
        await kit.InviteOneAsync("a@example.com");
        var error = (await kit.Manager.AcceptAsync(kit.SecretFor("a@example.com"), new SignedInIdentity("u1", email, "GitHub", EmailVerified: true)))
            .ShouldFailWith(InvitationErrorCode.EmailNotDisclosed).Single();
        Assert.Contains("GitHub", error.Message);
        Assert.Contains(error.Remedies, r => r.Contains("email and password", StringComparison.Ordinal));
        Assert.Contains(error.Remedies, r => r.Contains("Public email", StringComparison.Ordinal));
        Assert.DoesNotContain(kit.Store.Members, m => m.UserId == "u1");
    }

    [Theory]
    [InlineData("someone.else@example.com")]
    [InlineData("a@example.com.evil")]
    [InlineData("not an email")]
    public async Task Another_email_is_a_mismatch(string email)
    {
        await using var kit = await TestKit.CreateAsync();
        var id = await kit.InviteOneAsync("a@example.com");
        (await kit.Manager.AcceptAsync(kit.SecretFor("a@example.com"), new SignedInIdentity("u1", email, "SSO", EmailVerified: true)))
            .ShouldFailWith(InvitationErrorCode.EmailMismatch);
        Assert.Equal(InvitationStatus.Pending, kit.Stored(id).Status);
    }

    [Fact]
    public async Task An_existing_member_accepting_again_is_refused_and_nothing_changes()
    {
        await using var kit = await TestKit.CreateAsync();
        kit.Users.AddUser("a@example.com", id: "u1");
        var id = await kit.InviteOneAsync("a@example.com");
        kit.Store.SeedMember(new Member(TestKit.AccountId, "u1", ["OLD"], false, kit.Clock.GetCurrentInstant(), null));
        (await kit.AcceptAsync("a@example.com")).ShouldFailWith(InvitationErrorCode.AlreadyMember);
        Assert.Equal(InvitationStatus.Pending, kit.Stored(id).Status);
        Assert.Equal(["OLD"], kit.Store.Members.Single(m => m.UserId == "u1").Roles);
    }

    [Fact]
    public async Task Rejecting_is_terminal_and_frees_the_address()
    {
        await using var kit = await TestKit.CreateAsync();
        var id = await kit.InviteOneAsync("a@example.com");
        var view = (await kit.Manager.RejectAsync(kit.SecretFor("a@example.com"))).ShouldSucceed();
        Assert.Equal(InvitationStatus.Rejected, view.Status);
        Assert.Contains(kit.Events.Events, e => e.Kind == InvitationEventKind.Rejected && e.InvitationId == id);
        kit.User("a@example.com"); // the address is free: its pending user is gone, and the person registers with the host
        (await kit.AcceptAsync("a@example.com")).ShouldFailWith(InvitationErrorCode.InvitationNotPending);
    }

    [Fact]
    public async Task A_latest_account_only_product_supersedes_the_previous_account_and_tells_the_host()
    {
        await using var kit = await TestKit.CreateAsync();
        kit.Accounts.Add(new AccountInfo("second", "Second"));
        await kit.Manager.AddFoundingOwnerAsync("second", "owner");
        var user = kit.User("a@example.com");
        await kit.InviteOneAsync("a@example.com", TestKit.LatestOnlyProduct);
        (await kit.AcceptAsync("a@example.com")).ShouldSucceed();
        Assert.Equal(TestKit.AccountId, kit.Store.GetActiveAccount(user.Id, TestKit.LatestOnlyProduct));

        (await kit.Manager.InviteAsync(kit.Owner, new InviteRequest("second", TestKit.LatestOnlyProduct, [new InviteRecipient("a@example.com")]))).ShouldSucceed();
        (await kit.AcceptAsync("a@example.com")).ShouldSucceed();

        Assert.Equal("second", kit.Store.GetActiveAccount(user.Id, TestKit.LatestOnlyProduct));
        Assert.Equal(
            [new ActiveAccountChange(user.Id, TestKit.LatestOnlyProduct, TestKit.AccountId, null), new ActiveAccountChange(user.Id, TestKit.LatestOnlyProduct, "second", TestKit.AccountId)],
            kit.Events.ActiveAccountChanges);
    }

    [Fact]
    public async Task A_founding_owners_account_is_their_active_account_so_accepting_another_supersedes_it()
    {
        await using var kit = await TestKit.CreateAsync();
        var other = await kit.TenantAsync("globex");
        (await kit.Manager.InviteAsync(other, new InviteRequest("globex", TestKit.LatestOnlyProduct, [new InviteRecipient("owner@acme.example")]))).ShouldSucceed();

        (await kit.Manager.AcceptAsync(kit.SecretFor("owner@acme.example"), new SignedInIdentity("owner", "owner@acme.example", "password", EmailVerified: true))).ShouldSucceed();

        Assert.Equal([new ActiveAccountChange("owner", TestKit.LatestOnlyProduct, "globex", TestKit.AccountId)], kit.Events.ActiveAccountChanges);
    }

    [Fact]
    public async Task A_shared_product_changes_no_active_account()
    {
        await using var kit = await TestKit.CreateAsync();
        await kit.InviteOneAsync("a@example.com");
        var member = (await kit.AcceptAsync("a@example.com")).ShouldSucceed();
        Assert.Null(kit.Store.GetActiveAccount(member.UserId, TestKit.Product));
        Assert.Empty(kit.Events.ActiveAccountChanges);
    }
}
