using InvitationKit.Secrets;
using InvitationKit.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace InvitationKit.Tests.Secrets;

/// <summary>Issue 24, finding 9: what the kit can clear of an issued secret, and that it does on every path.</summary>
public sealed class IssuedSecretsTests
{
    [Fact]
    public async Task Disposing_issued_secrets_zeroes_the_kits_buffers_but_not_the_strings_made_for_the_mailer()
    {
        await using var kit = await TestKit.CreateAsync();
        var issuer = kit.Services.GetRequiredService<SecretIssuer>();
        var hasher = kit.Services.GetRequiredService<SecretHasher>();
        var id = Guid.NewGuid();
        var issued = issuer.Issue(id, InvitationKind.NewUser);
        Assert.Equal(1, issuer.Uncleared);
        var secret = issued.SecretText();
        var otp = issued.OtpText()!;
        Assert.Equal(secret, new string(issued.SecretBuffer));
        Assert.Equal(otp, new string(issued.OtpBuffer));

        issued.Dispose();
        issued.Dispose();
        Assert.True(issued.IsCleared);
        Assert.Equal(0, issuer.Uncleared);
        Assert.All(issued.SecretBuffer.ToArray(), c => Assert.Equal('\0', c));
        Assert.All(issued.OtpBuffer.ToArray(), c => Assert.Equal('\0', c));
        Assert.Throws<ObjectDisposedException>(() => issued.SecretText());
        Assert.Throws<ObjectDisposedException>(() => issued.OtpText());

        // The strings handed out before are the copies .NET cannot wipe: they still verify.
        Assert.Contains(issued.SecretHash, hasher.LinkTokenCandidates(secret));
        Assert.True(hasher.VerifyOtp(id, otp, issued.OtpHash!.Value, issued.KeyId, OtpFormat.Digits));
        Assert.Null(issuer.Issue(id, InvitationKind.ExistingUser).OtpText());
    }

    [Fact]
    public async Task Secrets_issued_for_a_change_that_lost_its_compare_and_swap_are_zeroed_at_once()
    {
        FaultyStore? store = null;
        await using var kit = await TestKit.CreateAsync(services: s => FaultyStore.Register(s, created => store = created));
        var issuer = kit.Services.GetRequiredService<SecretIssuer>();
        kit.Mailer.FailWhen = _ => true;
        var id = await kit.InviteOneAsync("nina@example.com");
        kit.Mailer.FailWhen = null;
        kit.Clock.Advance(Duration.FromHours(2));
        store!.AlwaysConflict = true;

        Assert.Equal(1, (await kit.Dispatcher.DispatchAsync()).Skipped);
        Assert.False((await kit.Manager.ResendAsync(kit.Owner, id)).Succeeded);
        Assert.Equal(0, issuer.Uncleared);

        store.AlwaysConflict = false;
        store.FailUpdates = true;
        await Assert.ThrowsAsync<IOException>(() => kit.Dispatcher.DispatchAsync());
        Assert.Equal(0, issuer.Uncleared);
    }
}
