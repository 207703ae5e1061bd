using InvitationKit.Tests.Infrastructure;

namespace InvitationKit.Tests.Rules;

/// <summary>Rules 3 and 4: the registered-only policy and the invite modes.</summary>
public sealed class PolicyAndModeTests
{
    [Fact]
    public async Task Registered_only_refuses_unregistered_addresses_with_remedies()
    {
        await using var kit = await TestKit.CreateAsync(o => o.OnlyRegisteredUsers = true);
        kit.User("known@example.com");
        var error = (await kit.InviteAsync("known@example.com", "stranger@example.com")).ShouldFailWith(InvitationErrorCode.OnlyRegisteredUsersAllowed).Single();
        Assert.Equal("stranger@example.com", error.Recipient);
        Assert.Contains(error.Remedies, r => r.Contains("register", StringComparison.Ordinal));
        Assert.Contains(error.Remedies, r => r.Contains("allow sending invitations to new users", StringComparison.Ordinal));
        (await kit.InviteAsync("known@example.com")).ShouldSucceed();
    }

    [Fact]
    public async Task The_account_overrides_the_registered_only_policy_both_ways()
    {
        await using var kit = await TestKit.CreateAsync(o => o.OnlyRegisteredUsers = true);
        kit.Accounts.Add(new AccountInfo(TestKit.AccountId, "Acme", OnlyRegisteredUsers: false));
        (await kit.InviteAsync("stranger@example.com")).ShouldSucceed();

        await using var strict = await TestKit.CreateAsync(o => o.OnlyRegisteredUsers = false);
        strict.Accounts.Add(new AccountInfo(TestKit.AccountId, "Acme", OnlyRegisteredUsers: true));
        (await strict.InviteAsync("stranger@example.com")).ShouldFailWith(InvitationErrorCode.OnlyRegisteredUsersAllowed);
    }

    [Fact]
    public async Task Registered_only_with_hidden_registration_state_invites_an_unregistered_address_for_whoever_registers_with_it()
    {
        await using var kit = await TestKit.CreateAsync(o => (o.OnlyRegisteredUsers, o.HideRegistrationState) = (true, true));
        kit.Mailer.FailWhen = _ => true;
        var view = (await kit.InviteAsync("stranger@example.com")).ShouldSucceed().Invitations.Single();
        Assert.Equal((InvitationKind.Undisclosed, DeliveryState.Failed), (view.Kind, view.Delivery));
        var stored = kit.Stored(view.Id);
        Assert.Equal((InvitationKind.ExistingUser, (string?)null, (SecretHash?)null), (stored.Kind, stored.UserId, stored.OtpHash));
        Assert.DoesNotContain(kit.Users.Users, u => u.Email == "stranger@example.com");

        // The dispatcher's retry issues a fresh link and still no code.
        kit.Mailer.FailWhen = null;
        kit.Clock.Advance(Duration.FromMinutes(1));
        Assert.Equal(1, (await kit.Dispatcher.DispatchAsync()).Sent);
        Assert.Equal((InvitationKind.ExistingUser, (string?)null), (kit.Mailer.LastTo("stranger@example.com").Kind, kit.Mailer.LastTo("stranger@example.com").OneTimePassword));
        Assert.Null(kit.Stored(view.Id).OtpHash);

        // Registered through the host since: a resend binds the invitation to them, and they accept by signing in.
        var user = kit.Users.AddUser("stranger@example.com");
        Assert.Equal(InvitationKind.Undisclosed, (await kit.Manager.ResendAsync(kit.Owner, view.Id)).ShouldSucceed().Kind);
        Assert.Equal((InvitationKind.ExistingUser, user.Id), (kit.Stored(view.Id).Kind, kit.Stored(view.Id).UserId));
        Assert.Null(kit.Mailer.LastTo("stranger@example.com").OneTimePassword);
        (await kit.AcceptAsync("stranger@example.com")).ShouldSucceed();
    }

    [Fact]
    public async Task Existing_user_mode_needs_a_registered_user()
    {
        await using var kit = await TestKit.CreateAsync();
        kit.User("known@example.com");
        (await kit.InviteAsync(kit.Owner, InviteMode.ExistingUser, "nobody@example.com")).ShouldFailWith(InvitationErrorCode.UserNotRegistered);
        var view = (await kit.InviteAsync(kit.Owner, InviteMode.ExistingUser, "KNOWN@example.com")).ShouldSucceed().Invitations.Single();
        Assert.Equal(InvitationKind.ExistingUser, view.Kind);
    }

    [Fact]
    public async Task New_user_mode_refuses_registered_users_with_the_existing_user_remedy()
    {
        await using var kit = await TestKit.CreateAsync();
        kit.User("known@example.com");
        var error = (await kit.InviteAsync(kit.Owner, InviteMode.NewUser, "known@example.com")).ShouldFailWith(InvitationErrorCode.UserAlreadyExists).Single();
        Assert.Contains(error.Remedies, r => r.Contains("existing-user", StringComparison.Ordinal));
        var view = (await kit.InviteAsync(kit.Owner, InviteMode.NewUser, "fresh@example.com")).ShouldSucceed().Invitations.Single();
        Assert.Equal(InvitationKind.NewUser, view.Kind);
    }

    [Fact]
    public async Task Auto_mode_picks_per_recipient_and_a_user_without_email_is_treated_as_new()
    {
        await using var kit = await TestKit.CreateAsync();
        kit.User("known@example.com");
        kit.Users.AddUser(email: null);
        var views = (await kit.InviteAsync("known@example.com", "ghost@example.com")).ShouldSucceed().Invitations;
        Assert.Equal(InvitationKind.ExistingUser, views[0].Kind);
        Assert.Equal(InvitationKind.NewUser, views[1].Kind);
    }

    [Fact]
    public async Task A_new_user_is_created_pending_activation_once_and_mailed_an_otp()
    {
        await using var kit = await TestKit.CreateAsync();
        await kit.InviteOneAsync("fresh@example.com");
        var user = Assert.Single(kit.Users.Users, u => u.Email == "fresh@example.com");
        Assert.Equal(UserState.PendingActivation, user.State);
        var mail = kit.Mailer.LastTo("fresh@example.com");
        Assert.Equal(InvitationKind.NewUser, mail.Kind);
        Assert.Matches("^[0-9]{6}$", mail.OneTimePassword);
        Assert.Equal(kit.Clock.GetCurrentInstant() + Duration.FromHours(24), mail.OtpExpiresAt);
    }

    [Fact]
    public async Task Existing_users_get_no_otp()
    {
        await using var kit = await TestKit.CreateAsync();
        kit.User("known@example.com");
        await kit.InviteOneAsync("known@example.com");
        Assert.Null(kit.Mailer.LastTo("known@example.com").OneTimePassword);
        Assert.True(kit.Mailer.LastTo("known@example.com").Secret.Length >= 43);
    }
}
