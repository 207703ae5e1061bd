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
        var guesses = 0;
        var refusedAt = -1;
        for (var round = 0; round < 20 && refusedAt < 0; round++)
        {
            for (var i = 0; i < 5; i++)
            {
                guesses++;
                var result = await kit.Manager.ActivateAsync(Activation("victim@x.example", Other(kit.OtpFor("victim@x.example"), $"{round:D3}{i:D3}")));
                if (result.HasError(InvitationErrorCode.OtpLockedOut))
                {
                    refusedAt = guesses;
                    break;
                }
            }

            (await kit.Manager.ResendAsync(evil, invitation.Id)).ShouldSucceed();
        }

        Assert.Equal(new InvitationKitOptions().MaxOtpAttempts + 1, refusedAt);

        // Even the right code waits for the window: resends never reset the address's budget.
        (await kit.Manager.ActivateAsync(Activation("victim@x.example", kit.OtpFor("victim@x.example")))).ShouldFailWith(InvitationErrorCode.OtpLockedOut);
        Assert.Equal(UserState.PendingActivation, kit.Users.Users.Single(u => u.Email == "victim@x.example").State);
    }

    [StoreFact]
    public async Task The_address_budget_has_a_lifetime_cap_that_windows_never_renew()
    {
        await using var kit = await KitAsync(o => (o.MaxOtpAttempts, o.MaxOtpFailuresPerAddress, o.MaxSends) = (10, 25, 100));
        var id = await kit.InviteOneAsync("victim@x.example");
        var granted = 0;
        for (var day = 0; day < 5; day++)
        {
            for (var i = 0; i < 12; i++)
            {
                granted += (await kit.Manager.ActivateAsync(Activation("victim@x.example", Other(kit.OtpFor("victim@x.example"), $"9{day}{i:D4}")))).HasError(InvitationErrorCode.OtpInvalid) ? 1 : 0;
            }

            kit.Clock.Advance(Duration.FromDays(1));
            (await kit.Manager.ResendAsync(kit.Owner, id)).ShouldSucceed();
        }

        Assert.Equal(25, granted);
        var capped = (await kit.Manager.ActivateAsync(Activation("victim@x.example", kit.OtpFor("victim@x.example")))).ShouldFailWith(InvitationErrorCode.OtpLockedOut).Single();
        Assert.Null(capped.RetryAfter);
        Assert.Contains(capped.Remedies, r => r.Contains("sign-up", StringComparison.Ordinal));
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

    [Fact]
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
