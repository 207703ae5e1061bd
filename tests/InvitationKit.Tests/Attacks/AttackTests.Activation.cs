using InvitationKit.Testing.Conformance;
using InvitationKit.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace InvitationKit.Tests.Attacks;

/// <summary>Attacks 1, 2 and 5: setting the password of a user who is not pending activation, and racing the activation.</summary>
public abstract partial class AttackTests
{
    [StoreFact]
    public async Task A_code_from_another_tenant_cannot_set_the_password_of_a_user_who_joined_elsewhere()
    {
        await using var kit = await KitAsync();
        var evil = await kit.TenantAsync("evil");

        // The malicious owner invites the victim first, then the victim joins acme through acme's own invitation.
        (await kit.Manager.InviteAsync(evil, new InviteRequest("evil", TestKit.Product, [new InviteRecipient("victim@x.example")]))).ShouldSucceed();
        var evilMail = kit.Mailer.LastTo("victim@x.example");
        await kit.InviteOneAsync("victim@x.example");
        (await kit.Manager.ActivateAsync(Activation("victim@x.example", kit.OtpFor("victim@x.example")))).ShouldSucceed();

        // Worst case: the attacker has the evil invitation's code. It no longer activates anything.
        (await kit.Manager.ActivateAsync(new ActivationRequest("victim@x.example", evilMail.OneTimePassword!, "attacker's password"))).ShouldFailWith(InvitationErrorCode.OtpInvalid);
        var bound = await kit.StoredAsync(evilMail.InvitationId);
        Assert.Equal((InvitationKind.ExistingUser, (SecretHash?)null, InvitationStatus.Pending), (bound.Kind, bound.OtpHash, bound.Status));
        Assert.Equal(kit.Users.Users.Single(u => u.Email == "victim@x.example").Id, bound.UserId);
    }

    [StoreFact]
    public async Task A_code_for_a_user_enabled_by_another_path_binds_the_invitation_and_sets_no_password()
    {
        await using var kit = await KitAsync();
        var id = await kit.InviteOneAsync("victim@x.example");
        var victim = kit.Users.Users.Single(u => u.Email == "victim@x.example");
        kit.Users.SetState(victim.Id, UserState.Enabled); // the victim registered through the host meanwhile

        (await kit.Manager.ActivateAsync(new ActivationRequest("victim@x.example", kit.OtpFor("victim@x.example"), "attacker's password")))
            .ShouldFailWith(InvitationErrorCode.UserAlreadyActivated);
        Assert.False(kit.Users.HasPassword(victim.Id));
        var bound = await kit.StoredAsync(id);
        Assert.Equal((InvitationKind.ExistingUser, victim.Id, (Instant?)null), (bound.Kind, bound.UserId, bound.ActivationClaimedAt));
        (await kit.AcceptAsync("victim@x.example")).ShouldSucceed();
    }

    [StoreFact]
    public async Task A_banned_user_cannot_re_enable_themselves_with_a_new_invitation()
    {
        await using var kit = await KitAsync();
        var banned = kit.Users.AddUser("banned@example.com", state: UserState.Disabled);
        var view = (await kit.InviteAsync("banned@example.com")).ShouldSucceed().Invitations.Single();
        Assert.Equal(InvitationKind.ExistingUser, view.Kind);
        Assert.Null(kit.Mailer.LastTo("banned@example.com").OneTimePassword);
        (await kit.InviteAsync(kit.Owner, InviteMode.NewUser, "banned2@example.com")).ShouldSucceed();
        (await kit.Manager.ActivateAsync(Activation("banned@example.com", "123456"))).ShouldFailWith(InvitationErrorCode.OtpInvalid);
        Assert.Equal(UserState.Disabled, kit.Users.FindById(banned.Id)!.State);
    }

    [StoreFact]
    public async Task A_user_banned_after_being_invited_is_not_re_enabled_by_the_code()
    {
        await using var kit = await KitAsync();
        await kit.InviteOneAsync("late@example.com");
        var user = kit.Users.Users.Single(u => u.Email == "late@example.com");
        kit.Users.SetState(user.Id, UserState.Disabled);
        (await kit.Manager.ActivateAsync(Activation("late@example.com", kit.OtpFor("late@example.com")))).ShouldFailWith(InvitationErrorCode.UserAlreadyActivated);
        Assert.Equal(UserState.Disabled, kit.Users.FindById(user.Id)!.State);
        Assert.False(kit.Users.HasPassword(user.Id));
    }

    [StoreFact]
    public async Task A_revoke_or_resend_landing_while_the_user_is_enabled_is_refused_and_the_membership_exists()
    {
        TestKit? current = null;
        var interference = new List<InvitationResult<InvitationView>>();
        await using var kit = await KitAsync(services: s => s.AddSingleton<IUserDirectory>(sp => new InterferingDirectory(
            sp.GetRequiredService<InMemoryUserDirectory>(),
            async () =>
            {
                var other = current!.OtherRequest();
                var id = current.Mailer.LastTo("nina@example.com").InvitationId;
                interference.Add(await other.RevokeAsync(current.Owner, id));
                interference.Add(await other.ResendAsync(current.Owner, id));
                interference.Add(await other.ChangeRolesAsync(current.Owner, id, ["EDITOR"], false));
            })));
        current = kit;
        var invitationId = await kit.InviteOneAsync("nina@example.com");
        var member = (await kit.Manager.ActivateAsync(Activation("nina@example.com", kit.OtpFor("nina@example.com")))).ShouldSucceed();

        Assert.All(interference, r => r.ShouldFailWith(InvitationErrorCode.ActivationInProgress));
        Assert.Equal(["VIEWER"], member.Roles);
        var stored = await kit.StoredAsync(invitationId);
        Assert.Equal((InvitationStatus.Accepted, (Instant?)null), (stored.Status, stored.ActivationClaimedAt));
        Assert.NotNull(await kit.Port.Members.FindMemberAsync(TestKit.AccountId, member.UserId, default));
    }

    [StoreFact]
    public async Task A_code_superseded_by_a_resend_sets_no_password()
    {
        await using var kit = await KitAsync();
        var id = await kit.InviteOneAsync("nina@example.com");
        var oldOtp = kit.OtpFor("nina@example.com");
        (await kit.Manager.ResendAsync(kit.Owner, id)).ShouldSucceed();
        if (kit.OtpFor("nina@example.com") != oldOtp)
        {
            (await kit.Manager.ActivateAsync(Activation("nina@example.com", oldOtp))).ShouldFailWith(InvitationErrorCode.OtpInvalid);
        }

        Assert.Equal(UserState.PendingActivation, kit.Users.Users.Single(u => u.Email == "nina@example.com").State);
    }

    [StoreFact]
    public async Task A_product_switched_to_single_account_enables_nobody()
    {
        var products = new InMemoryProductCatalog();
        products.Add(new ProductInfo(TestKit.Product, "Cloud"));
        await using var kit = await KitAsync(services: s => s.AddSingleton<IProductCatalog>(products));
        await kit.InviteOneAsync("nina@example.com");
        products.Add(new ProductInfo(TestKit.Product, "Cloud", MultiAccountMode.SingleAccount));
        (await kit.Manager.ActivateAsync(Activation("nina@example.com", kit.OtpFor("nina@example.com")))).ShouldFailWith(InvitationErrorCode.ProductIsSingleAccount);
        Assert.Equal(UserState.PendingActivation, kit.Users.Users.Single(u => u.Email == "nina@example.com").State);
    }

    [StoreFact]
    public async Task A_lost_reply_after_the_user_was_enabled_is_completed_by_retrying_with_the_same_code()
    {
        var failFinalize = true;
        await using var kit = await KitAsync(services: s => s.AddSingleton<IUserDirectory>(sp => new InterferingDirectory(
            sp.GetRequiredService<InMemoryUserDirectory>(),
            () => failFinalize ? throw new TimeoutException("The directory's reply was lost.") : Task.CompletedTask,
            after: true)));
        var id = await kit.InviteOneAsync("nina@example.com");
        var otp = kit.OtpFor("nina@example.com");
        await Assert.ThrowsAsync<TimeoutException>(() => kit.Manager.ActivateAsync(Activation("nina@example.com", otp)));
        Assert.Null((await kit.StoredAsync(id)).ActivationClaimedAt);
        failFinalize = false;
        var member = (await kit.Manager.ActivateAsync(Activation("nina@example.com", otp))).ShouldSucceed();
        Assert.Equal(InvitationStatus.Accepted, (await kit.StoredAsync(id)).Status);
        Assert.True(kit.Users.HasPassword(member.UserId));
    }

    /// <summary>A directory that runs <c>interfere</c> while it activates a user (before it, or after it as a lost reply).</summary>
    private sealed class InterferingDirectory(InMemoryUserDirectory inner, Func<Task> interfere, bool after = false) : IUserDirectory
    {
        public Task<DirectoryUser?> FindByEmailAsync(EmailAddress email, CancellationToken cancellationToken) => inner.FindByEmailAsync(email, cancellationToken);

        public Task<DirectoryUser> CreatePendingUserAsync(EmailAddress email, CancellationToken cancellationToken) => inner.CreatePendingUserAsync(email, cancellationToken);

        public Task<bool> DeletePendingUserAsync(string userId, CancellationToken cancellationToken) => inner.DeletePendingUserAsync(userId, cancellationToken);

        public async Task<UserActivationResult> ActivateAsync(string userId, string password, Guid activationId, CancellationToken cancellationToken)
        {
            if (!after)
            {
                await interfere();
            }

            var result = await inner.ActivateAsync(userId, password, activationId, cancellationToken);
            if (after)
            {
                await interfere();
            }

            return result;
        }
    }
}
