using System.Security.Cryptography;
using InvitationKit.Testing.Conformance;
using InvitationKit.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace InvitationKit.Tests.Attacks;

/// <summary>Attack 12: one raw key with no rotation — changing it killed every outstanding link and code.</summary>
public abstract partial class AttackTests
{
    [StoreFact]
    public async Task Rotating_the_key_keeps_outstanding_links_and_codes_working()
    {
        var oldKey = RandomNumberGenerator.GetBytes(32);
        var newKey = RandomNumberGenerator.GetBytes(32);
        await using var before = await KitAsync(o => o.SecretKey = oldKey);
        before.Users.AddUser("bob@example.com");
        await before.InviteOneAsync("bob@example.com");
        await before.InviteOneAsync("nina@example.com");

        // The same store, directories and mailbox, restarted with a new key and the old one kept as previous.
        await using var after = await KitAsync(
            o => (o.SecretKey, o.PreviousSecretKeys) = (newKey, new List<byte[]> { oldKey }),
            services: s => s.AddSingleton(before.Users).AddSingleton(before.Accounts).AddSingleton(before.Mailer).AddSingleton(before.Store),
            seed: false);
        (await after.AcceptAsync("bob@example.com")).ShouldSucceed();
        (await after.Manager.ActivateAsync(Activation("nina@example.com", after.OtpFor("nina@example.com")))).ShouldSucceed();

        var id = await after.InviteOneAsync("carol@example.com");
        Assert.Equal(InvitationKit.Secrets.SecretKeyRing.KeyId(newKey), (await after.StoredAsync(id)).KeyId);

        // Without the old key, an old link is simply unknown.
        await using var forgot = await KitAsync(
            o => o.SecretKey = newKey,
            services: s => s.AddSingleton(before.Users).AddSingleton(before.Accounts).AddSingleton(before.Mailer).AddSingleton(before.Store),
            seed: false);
        await before.InviteOneAsync("dave@example.com");
        (await forgot.Manager.PreviewAsync(forgot.SecretFor("dave@example.com"))).ShouldFailWith(InvitationErrorCode.InvitationNotFound);
        (await forgot.Manager.PreviewAsync(forgot.SecretFor("carol@example.com"))).ShouldSucceed();
    }
}
