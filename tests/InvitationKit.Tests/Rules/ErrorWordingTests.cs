using InvitationKit.Tests.Infrastructure;

namespace InvitationKit.Tests.Rules;

/// <summary>Issue 20's minor points: each refusal speaks to the person who gets it, and the test kit's API cannot mislead.</summary>
public sealed class ErrorWordingTests
{
    [Fact]
    public async Task A_resend_within_the_cooldown_names_the_invitation_and_when_it_may_be_resent()
    {
        await using var kit = await TestKit.CreateAsync(o => o.ResendCooldown = Duration.FromMinutes(1));
        var id = await kit.InviteOneAsync("bob@example.com");
        kit.Clock.Advance(Duration.FromSeconds(15));

        var error = (await kit.Manager.ResendAsync(kit.Owner, id)).ShouldFailWith(InvitationErrorCode.RateLimited).Single();
        Assert.Equal("bob@example.com", error.Recipient);
        Assert.Equal(Duration.FromSeconds(45), error.RetryAfter);
        Assert.Contains("bob@example.com", error.Message, StringComparison.Ordinal);
        Assert.Contains("45 second(s)", error.Message, StringComparison.Ordinal);
        Assert.Contains("2026-01-01T00:01:00Z", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Too many", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_local_password_user_signed_in_with_another_email_is_not_told_about_a_third_party_service()
    {
        await using var kit = await TestKit.CreateAsync();
        await kit.InviteOneAsync("a@example.com");
        var error = (await kit.Manager.AcceptAsync(kit.SecretFor("a@example.com"), new SignedInIdentity("u1", "other@example.com", SignedInIdentity.LocalProvider, EmailVerified: true)))
            .ShouldFailWith(InvitationErrorCode.EmailMismatch).Single();
        Assert.DoesNotContain(error.Remedies, r => r.Contains("third-party", StringComparison.Ordinal) || r.Contains("instead of signing in with", StringComparison.Ordinal));
        Assert.Contains(error.Remedies, r => r.Contains("register with the invited address", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_external_provider_user_with_another_email_is_told_to_register_instead_of_using_that_provider()
    {
        await using var kit = await TestKit.CreateAsync();
        await kit.InviteOneAsync("a@example.com");
        var error = (await kit.Manager.AcceptAsync(kit.SecretFor("a@example.com"), new SignedInIdentity("u1", "other@example.com", "GitHub", EmailVerified: true)))
            .ShouldFailWith(InvitationErrorCode.EmailMismatch).Single();
        Assert.Contains(error.Remedies, r => r.Contains("instead of signing in with GitHub", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_local_user_with_an_unconfirmed_email_is_told_to_confirm_it_not_that_Local_has_not_verified_it()
    {
        await using var kit = await TestKit.CreateAsync();
        kit.Users.AddUser("a@example.com", id: "u1");
        await kit.InviteOneAsync("a@example.com");
        var error = (await kit.Manager.AcceptAsync(kit.SecretFor("a@example.com"), new SignedInIdentity("u1", "a@example.com", SignedInIdentity.LocalProvider, EmailVerified: false)))
            .ShouldFailWith(InvitationErrorCode.EmailNotVerified).Single();
        Assert.DoesNotContain("Local", error.Message, StringComparison.Ordinal);
        Assert.Contains("your email address is not confirmed yet", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(error.Remedies, r => r.Contains("third-party", StringComparison.Ordinal) || r.Contains("identity provider", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_external_provider_that_has_not_verified_the_email_is_named()
    {
        await using var kit = await TestKit.CreateAsync();
        kit.Users.AddUser("a@example.com", id: "u1");
        await kit.InviteOneAsync("a@example.com");
        var error = (await kit.Manager.AcceptAsync(kit.SecretFor("a@example.com"), new SignedInIdentity("u1", "a@example.com", "GitHub", EmailVerified: false)))
            .ShouldFailWith(InvitationErrorCode.EmailNotVerified).Single();
        Assert.Contains("GitHub has not verified your email address", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_old_AddUser_email_display_name_call_no_longer_compiles_into_a_user_whose_id_is_the_name()
    {
        // AddUser(email, "Bob") bound "Bob" to the id; no overload may take a string second any more.
        var overloads = typeof(InMemoryUserDirectory).GetMethods().Where(m => m.Name == nameof(InMemoryUserDirectory.AddUser)).ToArray();
        Assert.NotEmpty(overloads);
        Assert.All(overloads, m => Assert.NotEqual(typeof(string), m.GetParameters()[1].ParameterType));
        Assert.Equal("u1", new InMemoryUserDirectory().AddUser("bob@example.com", id: "u1").Id);
    }
}
