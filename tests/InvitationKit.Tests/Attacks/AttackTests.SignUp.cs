using InvitationKit.Testing.Conformance;
using InvitationKit.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace InvitationKit.Tests.Attacks;

/// <summary>
/// Issue 20, finding 2: invited users blocking sign-up. An invitation creates the user pending activation at once; when
/// nothing deleted it after the invitation ended, the host's own sign-up answered "already taken" for good, so any
/// tenant's owner could lock a stranger out of the host by inviting and revoking their address, and the remedy of
/// <see cref="InvitationErrorCode.OtpLockedOut"/> (register through the sign-up page) could not work. The host's sign-up
/// here is the directory's own registration (<see cref="InMemoryUserDirectory.AddUser"/>), which refuses a taken address.
/// </summary>
public abstract partial class AttackTests
{
    [StoreFact]
    public async Task A_free_tenants_owner_who_invites_and_revokes_a_stranger_cannot_block_their_sign_up()
    {
        await using var kit = await KitAsync();
        var evil = await kit.TenantAsync("free-tenant");
        var id = (await kit.Manager.InviteAsync(evil, new InviteRequest("free-tenant", TestKit.Product, [new InviteRecipient("stranger@x.example")]))).ShouldSucceed().Invitations[0].Id;
        (await kit.Manager.RevokeAsync(evil, id)).ShouldSucceed();

        Assert.DoesNotContain(kit.Users.Users, u => u.Email == "stranger@x.example");
        Assert.False((await kit.StoredAsync(id)).PendingUserReleaseDue);
        var stranger = kit.Users.AddUser("stranger@x.example", password: Password); // the host's sign-up, as it always was
        Assert.True(kit.Users.CheckPassword(stranger.Id, Password));
    }

    [StoreFact]
    public async Task An_invitation_rejected_or_left_to_expire_does_not_block_sign_up_either()
    {
        await using var kit = await KitAsync();
        await kit.InviteOneAsync("declined@x.example");
        (await kit.Manager.RejectAsync(kit.SecretFor("declined@x.example"))).ShouldSucceed();
        await kit.InviteOneAsync("ignored@x.example");
        kit.Clock.Advance(Duration.FromDays(8));
        Assert.Contains(kit.Users.Users, u => u.Email == "ignored@x.example"); // expired in effect; the sweep persists and releases
        Assert.Equal(1, (await kit.Manager.ExpireOverdueAsync()).ShouldSucceed());

        kit.Users.AddUser("declined@x.example", password: Password);
        kit.Users.AddUser("ignored@x.example", password: Password);
    }

    [StoreFact]
    public async Task A_release_the_revoke_could_not_make_is_made_by_the_next_expiry_sweep()
    {
        FlakyUserDirectory? directory = null;
        await using var kit = await KitAsync(services: s => s.AddSingleton<IUserDirectory>(sp =>
            directory = new FlakyUserDirectory(sp.GetRequiredService<InMemoryUserDirectory>(), failCreationAt: 0)));
        var evil = await kit.TenantAsync("free-tenant");
        var id = (await kit.Manager.InviteAsync(evil, new InviteRequest("free-tenant", TestKit.Product, [new InviteRecipient("stranger@x.example")]))).ShouldSucceed().Invitations[0].Id;

        // The directory fails the deletion, as a process dying right after the revoke's write would leave it.
        directory!.FailDeletes = true;
        (await kit.Manager.RevokeAsync(evil, id)).ShouldSucceed();
        Assert.Contains(kit.Users.Users, u => u.Email == "stranger@x.example");
        Assert.True((await kit.StoredAsync(id)).PendingUserReleaseDue);
        Assert.Contains(kit.Logs.Entries, e => e.Id.Id == 1041);

        directory.FailDeletes = false;
        (await kit.Manager.ExpireOverdueAsync()).ShouldSucceed();
        Assert.DoesNotContain(kit.Users.Users, u => u.Email == "stranger@x.example");
        Assert.False((await kit.StoredAsync(id)).PendingUserReleaseDue);
        kit.Users.AddUser("stranger@x.example", password: Password);
    }

    [StoreFact]
    public async Task A_revoke_in_one_tenant_keeps_the_pending_user_another_tenants_live_invitation_names()
    {
        await using var kit = await KitAsync();
        var evil = await kit.TenantAsync("evil");
        var evilId = (await kit.Manager.InviteAsync(evil, new InviteRequest("evil", TestKit.Product, [new InviteRecipient("nina@example.com")]))).ShouldSucceed().Invitations[0].Id;
        await kit.InviteOneAsync("nina@example.com");
        var acmeCode = kit.OtpFor("nina@example.com");
        (await kit.Manager.RevokeAsync(evil, evilId)).ShouldSucceed();

        Assert.Equal(UserState.PendingActivation, kit.Users.Users.Single(u => u.Email == "nina@example.com").State);
        Assert.False((await kit.StoredAsync(evilId)).PendingUserReleaseDue); // done: acme's invitation holds the user
        (await kit.Manager.ActivateAsync(Activation("nina@example.com", acmeCode))).ShouldSucceed();
    }

    [StoreFact]
    public async Task The_OtpLockedOut_remedy_works_register_through_sign_up_then_accept_by_signing_in()
    {
        await using var kit = await KitAsync(o => (o.MaxOtpAttempts, o.MaxOtpFailuresPerAddress) = (3, 3));
        var id = await kit.InviteOneAsync("nina@example.com");
        var (code, secret) = (kit.OtpFor("nina@example.com"), kit.SecretFor("nina@example.com"));
        for (var i = 0; i < 3; i++)
        {
            (await kit.Manager.ActivateAsync(Activation("nina@example.com", Other(code, $"00000{i}"), secret: secret))).ShouldFailWith(InvitationErrorCode.OtpInvalid);
        }

        var locked = (await kit.Manager.ActivateAsync(Activation("nina@example.com", code, secret: secret))).ShouldFailWith(InvitationErrorCode.OtpLockedOut).Single();
        Assert.Null(locked.RetryAfter);
        Assert.Contains(locked.Remedies, r => r.Contains("sign-up", StringComparison.Ordinal));

        // The remedy, followed: the host's sign-up releases the pending user first, then registers her as it always does.
        Assert.True((await kit.Manager.ReleasePendingUserAsync("nina@example.com")).ShouldSucceed());
        var nina = kit.Users.AddUser("nina@example.com", password: Password);

        // Once she proved the address (the host's email confirmation), the host claims her invitations: bound, no code.
        var proven = new SignedInIdentity(nina.Id, "nina@example.com", "Local", EmailVerified: true);
        Assert.Equal(1, (await kit.Manager.ClaimInvitationsAsync(proven)).ShouldSucceed());
        var bound = await kit.StoredAsync(id);
        Assert.Equal((InvitationKind.ExistingUser, nina.Id, (SecretHash?)null, InvitationStatus.Pending), (bound.Kind, bound.UserId, bound.OtpHash, bound.Status));

        // She signs in and opens the link.
        var member = (await kit.Manager.AcceptAsync(kit.SecretFor("nina@example.com"), proven)).ShouldSucceed();
        Assert.Equal((TestKit.AccountId, nina.Id), (member.AccountId, member.UserId));
        Assert.True(kit.Users.CheckPassword(nina.Id, Password));
    }

    [StoreFact]
    public async Task A_registration_racing_an_activation_binds_the_invitation_to_the_registered_user_never_to_the_deleted_one()
    {
        TestKit? current = null;
        DirectoryUser? registered = null;
        await using var kit = await KitAsync(services: s => s.AddSingleton<IUserDirectory>(sp => new InterferingDirectory(
            sp.GetRequiredService<InMemoryUserDirectory>(),
            async () =>
            {
                // The host's registration of the address lands between the activation's lookup and its enabling.
                (await current!.OtherRequest().ReleasePendingUserAsync("nina@example.com")).ShouldSucceed();
                registered = current.Users.AddUser("nina@example.com", password: "nina's own password");
            })));
        current = kit;
        var id = await kit.InviteOneAsync("nina@example.com");

        (await kit.Manager.ActivateAsync(Activation("nina@example.com", kit.OtpFor("nina@example.com")))).ShouldFailWith(InvitationErrorCode.UserAlreadyActivated);
        var bound = await kit.StoredAsync(id);
        Assert.Equal((InvitationKind.ExistingUser, registered!.Id, (Instant?)null), (bound.Kind, bound.UserId, bound.ActivationClaimedAt));
        Assert.True(kit.Users.CheckPassword(registered.Id, "nina's own password"));
        (await kit.Manager.AcceptAsync(kit.SecretFor("nina@example.com"), new SignedInIdentity(registered.Id, "nina@example.com", "Local", EmailVerified: true))).ShouldSucceed();
    }

    [StoreFact]
    public async Task Someone_who_registers_an_invited_address_without_proving_it_claims_nothing()
    {
        await using var kit = await KitAsync();
        var id = await kit.InviteOneAsync("victim@x.example");
        (await kit.Manager.ReleasePendingUserAsync("victim@x.example")).ShouldSucceed();
        var squatter = kit.Users.AddUser("victim@x.example", password: "squatter's password");

        (await kit.Manager.ClaimInvitationsAsync(new SignedInIdentity(squatter.Id, "victim@x.example", "Local", EmailVerified: false)))
            .ShouldFailWith(InvitationErrorCode.EmailNotVerified);
        (await kit.Manager.ClaimInvitationsAsync(new SignedInIdentity("someone-else", "victim@x.example", "Local", EmailVerified: true)))
            .ShouldFailWith(InvitationErrorCode.NotTheInvitedUser);
        var untouched = await kit.StoredAsync(id);
        Assert.Equal((InvitationKind.NewUser, (string?)null), (untouched.Kind, untouched.UserId));
        (await kit.Manager.AcceptAsync(kit.SecretFor("victim@x.example"), new SignedInIdentity(squatter.Id, "victim@x.example", "Local", EmailVerified: false)))
            .ShouldFailWith(InvitationErrorCode.EmailNotVerified);
        Assert.DoesNotContain(kit.Store.Members, m => m.UserId == squatter.Id);
    }

    [StoreFact]
    public async Task Releasing_for_a_registration_never_deletes_a_registered_or_disabled_user()
    {
        await using var kit = await KitAsync();
        var bob = kit.Users.AddUser("bob@example.com", password: Password);
        var banned = kit.Users.AddUser("banned@example.com", state: UserState.Disabled);
        Assert.False((await kit.Manager.ReleasePendingUserAsync("bob@example.com")).ShouldSucceed());
        Assert.False((await kit.Manager.ReleasePendingUserAsync("banned@example.com")).ShouldSucceed());
        Assert.False((await kit.Manager.ReleasePendingUserAsync("nobody@example.com")).ShouldSucceed());
        (await kit.Manager.ReleasePendingUserAsync("not an address")).ShouldFailWith(InvitationErrorCode.InvalidEmail);
        Assert.NotNull(kit.Users.FindById(bob.Id));
        Assert.Equal(UserState.Disabled, kit.Users.FindById(banned.Id)?.State);
    }
}
