using InvitationKit.Tests.Infrastructure;

namespace InvitationKit.Tests.Rules;

/// <summary>Rules 10 and 11: a new user activates with the mailed OTP; wrong codes spend the address's failure budget.</summary>
public sealed class ActivationTests
{
    private const string Password = "correct horse battery staple";

    [Fact]
    public async Task Activation_enables_the_user_accepts_the_invitation_and_creates_the_membership()
    {
        await using var kit = await TestKit.CreateAsync();
        var id = await kit.InviteOneAsync("nina@example.com");
        var member = (await kit.Manager.ActivateAsync(new ActivationRequest("Nina@Example.com", kit.OtpFor("nina@example.com"), Password))).ShouldSucceed();
        var user = kit.Users.Users.Single(u => u.Email == "nina@example.com");
        Assert.Equal(UserState.Enabled, user.State);
        Assert.True(kit.Users.HasPassword(user.Id));
        Assert.Equal(user.Id, member.UserId);
        Assert.Equal(InvitationStatus.Accepted, kit.Stored(id).Status);
        Assert.Contains(kit.Store.Members, m => m.UserId == user.Id && m.AccountId == TestKit.AccountId);
    }

    [Fact]
    public async Task The_otp_is_single_use()
    {
        await using var kit = await TestKit.CreateAsync();
        await kit.InviteOneAsync("nina@example.com");
        var otp = kit.OtpFor("nina@example.com");
        (await kit.Manager.ActivateAsync(new ActivationRequest("nina@example.com", otp, Password))).ShouldSucceed();
        (await kit.Manager.ActivateAsync(new ActivationRequest("nina@example.com", otp, Password))).ShouldFailWith(InvitationErrorCode.OtpInvalid);
    }

    [Fact]
    public async Task Wrong_codes_spend_the_address_budget_and_then_even_the_right_code_waits_for_the_window()
    {
        await using var kit = await TestKit.CreateAsync(o => o.MaxOtpAttempts = 5);
        var id = await kit.InviteOneAsync("nina@example.com");
        var otp = kit.OtpFor("nina@example.com");
        for (var i = 0; i < 5; i++)
        {
            (await kit.Manager.ActivateAsync(new ActivationRequest("nina@example.com", $"wrong-{i}", Password))).ShouldFailWith(InvitationErrorCode.OtpInvalid);
        }

        // Spent: answered as a wrong code at the bare address, so the refusal tells no stranger the address was invited.
        var locked = (await kit.Manager.ActivateAsync(new ActivationRequest("nina@example.com", otp, Password))).ShouldFailWith(InvitationErrorCode.OtpInvalid).Single();
        Assert.Equal(InvitationErrors.OtpInvalid().Message, locked.Message);
        Assert.Equal(InvitationErrors.OtpInvalid().Remedies, locked.Remedies);
        Assert.Equal(InvitationStatus.Pending, kit.Stored(id).Status);
        kit.Clock.Advance(Duration.FromHours(24));
        (await kit.Manager.ResendAsync(kit.Owner, id)).ShouldSucceed();
        (await kit.Manager.ActivateAsync(new ActivationRequest("nina@example.com", kit.OtpFor("nina@example.com"), Password))).ShouldSucceed();
    }

    [Fact]
    public async Task The_right_code_costs_no_attempt()
    {
        await using var kit = await TestKit.CreateAsync(o => o.MaxOtpAttempts = 1);
        await kit.InviteOneAsync("nina@example.com");
        var otp = kit.OtpFor("nina@example.com");
        (await kit.Manager.ActivateAsync(new ActivationRequest("nina@example.com", otp, "short"))).ShouldFailWith(InvitationErrorCode.PasswordRejected);
        (await kit.Manager.ActivateAsync(new ActivationRequest("nina@example.com", otp, "short"))).ShouldFailWith(InvitationErrorCode.PasswordRejected);
        (await kit.Manager.ActivateAsync(new ActivationRequest("nina@example.com", otp, Password))).ShouldSucceed();
    }

    [Theory]
    [InlineData(OtpFormat.Digits, 8, "^[0-9]{8}$")]
    [InlineData(OtpFormat.Alphanumeric, 8, "^[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{8}$")]
    [InlineData(OtpFormat.UrlSafeToken, 32, "^[A-Za-z0-9_-]{43}$")]
    public async Task Every_otp_format_is_issued_and_verified(OtpFormat format, int length, string pattern)
    {
        await using var kit = await TestKit.CreateAsync(o => (o.OtpFormat, o.OtpLength) = (format, length));
        await kit.InviteOneAsync("nina@example.com");
        var otp = kit.OtpFor("nina@example.com");
        Assert.Matches(pattern, otp);
        var typed = format == OtpFormat.Alphanumeric ? otp.ToLowerInvariant().Insert(4, "-") : otp;
        (await kit.Manager.ActivateAsync(new ActivationRequest("nina@example.com", typed, Password))).ShouldSucceed();
    }

    [Fact]
    public async Task A_refused_password_keeps_the_code_valid()
    {
        await using var kit = await TestKit.CreateAsync();
        var id = await kit.InviteOneAsync("nina@example.com");
        var otp = kit.OtpFor("nina@example.com");
        var error = (await kit.Manager.ActivateAsync(new ActivationRequest("nina@example.com", otp, "short"))).ShouldFailWith(InvitationErrorCode.PasswordRejected).Single();
        Assert.Contains("8 characters", error.Message);
        Assert.Null(kit.Stored(id).ActivationClaimedAt);
        (await kit.Manager.ActivateAsync(new ActivationRequest("nina@example.com", otp, string.Empty))).ShouldFailWith(InvitationErrorCode.PasswordRejected);
        (await kit.Manager.ActivateAsync(new ActivationRequest("nina@example.com", otp, new string('p', 2000)))).ShouldFailWith(InvitationErrorCode.PasswordRejected);
        (await kit.Manager.ActivateAsync(new ActivationRequest("nina@example.com", otp, Password))).ShouldSucceed();
    }

    [Fact]
    public async Task An_expired_invitation_cannot_be_activated()
    {
        await using var kit = await TestKit.CreateAsync();
        await kit.InviteOneAsync("nina@example.com");
        kit.Clock.Advance(Duration.FromDays(8));
        (await kit.Manager.ActivateAsync(new ActivationRequest("nina@example.com", kit.OtpFor("nina@example.com"), Password))).ShouldFailWith(InvitationErrorCode.OtpInvalid);
    }

    [Fact]
    public async Task The_code_expires_after_its_own_lifetime_while_the_invitation_stays_valid()
    {
        await using var kit = await TestKit.CreateAsync(o => o.OtpLifetime = Duration.FromHours(1));
        var id = await kit.InviteOneAsync("nina@example.com");
        kit.Clock.Advance(Duration.FromHours(1));
        (await kit.Manager.ActivateAsync(new ActivationRequest("nina@example.com", kit.OtpFor("nina@example.com"), Password))).ShouldFailWith(InvitationErrorCode.OtpInvalid);
        Assert.Equal(InvitationStatus.Pending, kit.Stored(id).Status);
        (await kit.Manager.ResendAsync(kit.Owner, id)).ShouldSucceed();
        (await kit.Manager.ActivateAsync(new ActivationRequest("nina@example.com", kit.OtpFor("nina@example.com"), Password))).ShouldSucceed();
    }

    [Theory]
    [InlineData("nobody@example.com")]
    [InlineData("bad address")]
    public async Task An_unknown_or_invalid_address_gets_the_refusal_of_a_wrong_code(string email)
    {
        await using var kit = await TestKit.CreateAsync();
        await kit.InviteOneAsync("nina@example.com");
        (await kit.Manager.ActivateAsync(new ActivationRequest(email, "123456", Password))).ShouldFailWith(InvitationErrorCode.OtpInvalid);
    }

    [Fact]
    public async Task Existing_user_invitations_cannot_be_activated_with_a_code()
    {
        await using var kit = await TestKit.CreateAsync();
        kit.User("known@example.com");
        await kit.InviteOneAsync("known@example.com");
        (await kit.Manager.ActivateAsync(new ActivationRequest("known@example.com", "123456", Password))).ShouldFailWith(InvitationErrorCode.OtpInvalid);
    }

    [Fact]
    public async Task A_new_user_invited_by_two_accounts_activates_the_one_whose_code_they_enter()
    {
        await using var kit = await TestKit.CreateAsync();
        kit.Accounts.Add(new AccountInfo("other", "Other"));
        await kit.Manager.AddFoundingOwnerAsync("other", "owner");
        await kit.InviteOneAsync("nina@example.com");
        var firstOtp = kit.OtpFor("nina@example.com");
        (await kit.Manager.InviteAsync(kit.Owner, new InviteRequest("other", TestKit.Product, [new InviteRecipient("nina@example.com")]))).ShouldSucceed();
        Assert.Single(kit.Users.Users, u => u.Email == "nina@example.com");
        var member = (await kit.Manager.ActivateAsync(new ActivationRequest("nina@example.com", firstOtp, Password))).ShouldSucceed();
        Assert.Equal(TestKit.AccountId, member.AccountId);
    }

    [Fact]
    public async Task A_new_user_invited_again_after_a_revoke_is_still_a_new_user_with_a_code()
    {
        await using var kit = await TestKit.CreateAsync();
        var first = await kit.InviteOneAsync("nina@example.com");
        (await kit.Manager.RevokeAsync(kit.Owner, first)).ShouldSucceed();
        var second = (await kit.InviteAsync(kit.Owner, InviteMode.NewUser, "nina@example.com")).ShouldSucceed().Invitations.Single();
        Assert.Equal(InvitationKind.NewUser, second.Kind);
        Assert.Single(kit.Users.Users, u => u.Email == "nina@example.com");
        (await kit.InviteAsync(kit.Owner, InviteMode.ExistingUser, "other@example.com")).ShouldFailWith(InvitationErrorCode.UserNotRegistered);
        (await kit.Manager.ActivateAsync(new ActivationRequest("nina@example.com", kit.OtpFor("nina@example.com"), Password))).ShouldSucceed();
    }

    [Fact]
    public async Task Racing_wrong_guesses_check_at_most_max_attempts()
    {
        await using var kit = await TestKit.CreateAsync(o => o.MaxOtpAttempts = 5);
        await kit.InviteOneAsync("nina@example.com");
        var results = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() =>
            kit.Manager.ActivateAsync(new ActivationRequest("nina@example.com", $"not-the-code-{i}", Password)))));
        Assert.All(results, r => r.ShouldFailWith(InvitationErrorCode.OtpInvalid));
        Assert.Equal(5, kit.Store.OtpFailures["nina@example.com"].Total);
        (await kit.Manager.ActivateAsync(new ActivationRequest("nina@example.com", kit.OtpFor("nina@example.com"), Password))).ShouldFailWith(InvitationErrorCode.OtpInvalid);
    }

    [Fact]
    public async Task Racing_wrong_guesses_from_the_invitations_page_check_at_most_max_attempts_and_are_told_the_lockout()
    {
        await using var kit = await TestKit.CreateAsync(o => o.MaxOtpAttempts = 5);
        await kit.InviteOneAsync("nina@example.com");
        var secret = kit.SecretFor("nina@example.com");
        var results = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() =>
            kit.Manager.ActivateAsync(new ActivationRequest("nina@example.com", $"not-the-code-{i}", Password) { Secret = secret }))));
        Assert.Equal(5, results.Count(r => r.HasError(InvitationErrorCode.OtpInvalid)));
        var locked = results.Where(r => r.HasError(InvitationErrorCode.OtpLockedOut)).ToArray();
        Assert.Equal(35, locked.Length);
        Assert.Equal(Duration.FromHours(24), locked[0].Errors.Single().RetryAfter);
        (await kit.Manager.ActivateAsync(new ActivationRequest("nina@example.com", kit.OtpFor("nina@example.com"), Password) { Secret = secret })).ShouldFailWith(InvitationErrorCode.OtpLockedOut);
        Assert.False(kit.Store.OtpFailures.ContainsKey("nina@example.com")); // the address's own budget is untouched
    }
}
