using InvitationKit.Testing.Conformance;
using InvitationKit.Tests.Infrastructure;

namespace InvitationKit.Tests.Attacks;

/// <summary>Attacks 1 and 4: guessing one-time passwords, from another tenant or anonymously.</summary>
public abstract partial class AttackTests
{
    [StoreFact]
    public async Task A_malicious_owner_looping_wrong_guesses_and_resends_is_stopped_by_the_address_budget()
    {
        await using var kit = await KitAsync(o => o.MaxSends = 100);
        var evil = await kit.TenantAsync("evil");
        var invitation = (await kit.Manager.InviteAsync(evil, new InviteRequest("evil", TestKit.Product, [new InviteRecipient("victim@x.example")]))).ShouldSucceed().Invitations[0];
        for (var round = 0; round < 20; round++)
        {
            for (var i = 0; i < 5; i++)
            {
                (await kit.Manager.ActivateAsync(Activation("victim@x.example", Other(kit.OtpFor("victim@x.example"), $"{round:D3}{i:D3}")))).ShouldFailWith(InvitationErrorCode.OtpInvalid);
            }

            (await kit.Manager.ResendAsync(evil, invitation.Id)).ShouldSucceed();
        }

        // 100 guesses, MaxOtpAttempts compared: resends never reset the address's budget, and even the right code is
        // refused at the address until the window ends, as a wrong code is (the refusal tells no stranger of the lockout).
        Assert.Equal(new InvitationKitOptions().MaxOtpAttempts, await OtpFailureTotalAsync(kit.Store, "victim@x.example"));
        (await kit.Manager.ActivateAsync(Activation("victim@x.example", kit.OtpFor("victim@x.example")))).ShouldFailWith(InvitationErrorCode.OtpInvalid);
        Assert.Equal(UserState.PendingActivation, kit.Users.Users.Single(u => u.Email == "victim@x.example").State);
    }

    [StoreFact]
    public async Task The_address_budget_has_a_lifetime_cap_that_windows_never_renew()
    {
        await using var kit = await KitAsync(o => (o.MaxOtpAttempts, o.MaxOtpFailuresPerAddress, o.MaxSends) = (10, 25, 100));
        var id = await kit.InviteOneAsync("victim@x.example");
        for (var day = 0; day < 5; day++)
        {
            for (var i = 0; i < 12; i++)
            {
                (await kit.Manager.ActivateAsync(Activation("victim@x.example", Other(kit.OtpFor("victim@x.example"), $"9{day}{i:D4}")))).ShouldFailWith(InvitationErrorCode.OtpInvalid);
            }

            kit.Clock.Advance(Duration.FromDays(1));
            (await kit.Manager.ResendAsync(kit.Owner, id)).ShouldSucceed();
        }

        Assert.Equal(25, await OtpFailureTotalAsync(kit.Store, "victim@x.example"));
        var capped = (await kit.Manager.ActivateAsync(Activation("victim@x.example", kit.OtpFor("victim@x.example")))).ShouldFailWith(InvitationErrorCode.OtpInvalid).Single();
        Assert.Contains(capped.Remedies, r => r.Contains("sign-up", StringComparison.Ordinal));
        Assert.Contains(capped.Remedies, r => r.Contains("invitation link", StringComparison.Ordinal));
    }

    /// <summary>
    /// Issue 26: any anonymous caller who knew an address could spend its failure budget, and 10 wrong codes blocked the
    /// invitee's right code for a day (50 for good). From the invitation's page (its link's secret) the code is counted
    /// against the invitation's own budget, which nobody without the link can spend.
    /// </summary>
    [StoreFact]
    public async Task An_anonymous_sprayer_cannot_lock_out_the_invitee_who_activates_from_the_invitations_page()
    {
        await using var kit = await KitAsync(o => (o.MaxOtpAttempts, o.MaxOtpFailuresPerAddress) = (10, 20));
        await kit.InviteOneAsync("victim@x.example");
        var code = kit.OtpFor("victim@x.example");
        for (var i = 0; i < 100; i++)
        {
            (await kit.Manager.ActivateAsync(Activation("victim@x.example", Other(code, $"{i:D6}"), "203.0.113.66"))).ShouldFailWith(InvitationErrorCode.OtpInvalid);
        }

        // A forged or stale secret is no way around the address's budget: it is ignored.
        (await kit.Manager.ActivateAsync(Activation("victim@x.example", code, "203.0.113.66", secret: "forged"))).ShouldFailWith(InvitationErrorCode.OtpInvalid);
        Assert.Equal(10, await OtpFailureTotalAsync(kit.Store, "victim@x.example"));

        var member = (await kit.Manager.ActivateAsync(Activation("victim@x.example", code, "198.51.100.7", secret: kit.SecretFor("victim@x.example")))).ShouldSucceed();
        Assert.Equal(TestKit.AccountId, member.AccountId);
    }

    [StoreFact]
    public async Task Wrong_codes_before_the_invitation_cost_the_address_nothing()
    {
        await using var kit = await KitAsync(o => (o.MaxOtpAttempts, o.MaxOtpFailuresPerAddress) = (5, 10));
        for (var i = 0; i < 50; i++)
        {
            (await kit.Manager.ActivateAsync(Activation("future@x.example", $"{i:D6}"))).ShouldFailWith(InvitationErrorCode.OtpInvalid);
        }

        Assert.Null(await OtpFailureTotalAsync(kit.Store, "future@x.example"));
        await kit.InviteOneAsync("future@x.example");
        (await kit.Manager.ActivateAsync(Activation("future@x.example", kit.OtpFor("future@x.example")))).ShouldSucceed();
    }

    [StoreFact]
    public async Task A_spent_address_budget_tells_a_prober_nothing_an_uninvited_address_would_not()
    {
        await using var kit = await KitAsync(o => o.MaxOtpAttempts = 3);
        await kit.InviteOneAsync("nina@example.com");
        var code = kit.OtpFor("nina@example.com");
        var answers = new List<InvitationError>();
        for (var i = 0; i < 6; i++)
        {
            answers.Add((await kit.Manager.ActivateAsync(Activation("nina@example.com", Other(code, $"{i:D6}")))).ShouldFailWith(InvitationErrorCode.OtpInvalid).Single());
            answers.Add((await kit.Manager.ActivateAsync(Activation("nobody@example.com", $"{i:D6}"))).ShouldFailWith(InvitationErrorCode.OtpInvalid).Single());
        }

        Assert.All(answers, a => Assert.Equal((answers[0].Message, answers[0].RetryAfter, string.Join('|', answers[0].Remedies)), (a.Message, a.RetryAfter, string.Join('|', a.Remedies))));
        Assert.Equal(3, await OtpFailureTotalAsync(kit.Store, "nina@example.com"));
    }

    [StoreFact]
    public async Task A_leaked_link_gives_no_more_guesses_than_the_budget_and_its_holder_is_told_the_lockout()
    {
        await using var kit = await KitAsync(o => (o.MaxOtpAttempts, o.MaxOtpFailuresPerAddress) = (3, 5));
        var id = await kit.InviteOneAsync("nina@example.com");
        var (code, secret) = (kit.OtpFor("nina@example.com"), kit.SecretFor("nina@example.com"));
        for (var i = 0; i < 3; i++)
        {
            (await kit.Manager.ActivateAsync(Activation("nina@example.com", Other(code, $"{i:D6}"), secret: secret))).ShouldFailWith(InvitationErrorCode.OtpInvalid);
        }

        Assert.NotNull((await kit.Manager.ActivateAsync(Activation("nina@example.com", code, secret: secret))).ShouldFailWith(InvitationErrorCode.OtpLockedOut).Single().RetryAfter);

        // The next day's window, then the invitation's lifetime cap: resends renew neither.
        kit.Clock.Advance(Duration.FromDays(1));
        (await kit.Manager.ResendAsync(kit.Owner, id)).ShouldSucceed();
        (code, secret) = (kit.OtpFor("nina@example.com"), kit.SecretFor("nina@example.com"));
        for (var i = 0; i < 2; i++)
        {
            (await kit.Manager.ActivateAsync(Activation("nina@example.com", Other(code, $"{i:D6}"), secret: secret))).ShouldFailWith(InvitationErrorCode.OtpInvalid);
        }

        Assert.Null((await kit.Manager.ActivateAsync(Activation("nina@example.com", code, secret: secret))).ShouldFailWith(InvitationErrorCode.OtpLockedOut).Single().RetryAfter);
        Assert.Null(await OtpFailureTotalAsync(kit.Store, "nina@example.com")); // the address's own budget is untouched
        (await kit.Manager.ActivateAsync(Activation("nina@example.com", code))).ShouldSucceed();
    }

    [StoreFact]
    public async Task An_anonymous_prober_cannot_tell_an_unknown_address_from_a_wrong_code()
    {
        await using var kit = await KitAsync();
        await kit.InviteOneAsync("nina@example.com");
        var known = (await kit.Manager.ActivateAsync(Activation("nina@example.com", Wrong(kit.OtpFor("nina@example.com"))))).ShouldFailWith(InvitationErrorCode.OtpInvalid).Single();
        var unknown = (await kit.Manager.ActivateAsync(Activation("nobody@example.com", "123456"))).ShouldFailWith(InvitationErrorCode.OtpInvalid).Single();
        var malformed = (await kit.Manager.ActivateAsync(Activation("not an address", "123456"))).ShouldFailWith(InvitationErrorCode.OtpInvalid).Single();
        kit.Clock.Advance(Duration.FromDays(8));
        var expired = (await kit.Manager.ActivateAsync(Activation("nina@example.com", kit.OtpFor("nina@example.com")))).ShouldFailWith(InvitationErrorCode.OtpInvalid).Single();
        foreach (var error in new[] { unknown, malformed, expired })
        {
            Assert.Equal((known.Message, known.RetryAfter), (error.Message, error.RetryAfter));
            Assert.Equal(known.Remedies, error.Remedies);
        }
    }

    [StoreFact]
    public async Task Wrong_guesses_never_lock_another_tenants_code()
    {
        await using var kit = await KitAsync(o => o.MaxOtpAttempts = 10);
        var other = await kit.TenantAsync("other");
        await kit.InviteOneAsync("nina@example.com");
        var acmeOtp = kit.OtpFor("nina@example.com");
        (await kit.Manager.InviteAsync(other, new InviteRequest("other", TestKit.Product, [new InviteRecipient("nina@example.com")]))).ShouldSucceed();
        var otherOtp = kit.OtpFor("nina@example.com");

        // On the previous main, five wrong guesses locked every tenant's code for the address.
        for (var i = 0; i < 9; i++)
        {
            var guess = $"{i:D6}";
            if (guess != acmeOtp && guess != otherOtp)
            {
                (await kit.Manager.ActivateAsync(Activation("nina@example.com", guess))).ShouldFailWith(InvitationErrorCode.OtpInvalid);
            }
        }

        Assert.Equal("other", (await kit.Manager.ActivateAsync(Activation("nina@example.com", otherOtp))).ShouldSucceed().AccountId);
    }

    [StoreFact]
    public async Task Activation_attempts_are_throttled_per_address_and_per_client()
    {
        await using var kit = await KitAsync(o => o.RateLimits = new InvitationRateLimitOptions
        {
            ActivationsPerAddress = new RateLimitRule(3, Duration.FromHours(1)),
            ActivationsPerPartition = new RateLimitRule(5, Duration.FromHours(1)),
        });
        for (var i = 0; i < 3; i++)
        {
            (await kit.Manager.ActivateAsync(Activation("a@example.com", "123456", "203.0.113.7"))).ShouldFailWith(InvitationErrorCode.OtpInvalid);
        }

        var limited = (await kit.Manager.ActivateAsync(Activation("a@example.com", "123456", "203.0.113.7"))).ShouldFailWith(InvitationErrorCode.RateLimited).Single();
        Assert.True(limited.RetryAfter > Duration.Zero);
        (await kit.Manager.ActivateAsync(Activation("b@example.com", "123456", "203.0.113.7"))).ShouldFailWith(InvitationErrorCode.OtpInvalid);
        (await kit.Manager.ActivateAsync(Activation("c@example.com", "123456", "203.0.113.7"))).ShouldFailWith(InvitationErrorCode.RateLimited); // the client is counted first: the attempt on a that its address refused cost the client a permit
        (await kit.Manager.ActivateAsync(Activation("c@example.com", "123456", "198.51.100.1"))).ShouldFailWith(InvitationErrorCode.OtpInvalid);
    }
}
