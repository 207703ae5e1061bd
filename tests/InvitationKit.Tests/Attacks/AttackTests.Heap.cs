using InvitationKit.Secrets;
using InvitationKit.Testing.Conformance;
using InvitationKit.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace InvitationKit.Tests.Attacks;

/// <summary>
/// Issue 24, finding 9: a mailed link's token stayed in memory after the invite returned, until the next garbage
/// collection, though docs/security.md said a secret lives only until the mailer has it. The kit now keeps each issued
/// link and code in pinned buffers it zeroes once the mailer has had them, or at once when they are never mailed; what
/// remains is the strings the mailer was handed, which .NET cannot wipe.
/// </summary>
public abstract partial class AttackTests
{
    [StoreFact]
    public async Task A_heap_dump_after_an_invite_a_resend_or_a_retry_finds_no_kit_copy_of_the_link_or_code()
    {
        // One send at a time, so what each send sees is deterministic (by default up to 4 run at once, and the second can
        // start before the first's buffers are zeroed).
        await using var kit = await KitAsync(o => o.Delivery.MaxConcurrentSends = 1);
        var issuer = kit.Services.GetRequiredService<SecretIssuer>();
        kit.Users.AddUser("bob@example.com");
        var unclearedAtEachSend = new List<int>();
        kit.Mailer.FailWhen = _ =>
        {
            unclearedAtEachSend.Add(issuer.Uncleared);
            return false;
        };
        var invited = (await kit.InviteAsync("bob@example.com", "nina@example.com")).ShouldSucceed();
        Assert.Equal([2, 1], unclearedAtEachSend); // each mail's buffers are zeroed as soon as its mailer call returns
        Assert.Equal(0, issuer.Uncleared);

        // What remains is what the mailer was handed: strings, which still work.
        (await kit.Manager.PreviewAsync(kit.SecretFor("bob@example.com"))).ShouldSucceed();
        Assert.NotNull(kit.Mailer.LastTo("nina@example.com").OneTimePassword);

        (await kit.Manager.ResendAsync(kit.Owner, invited.Invitations[1].Id)).ShouldSucceed();
        Assert.Equal(0, issuer.Uncleared);

        // A mail that failed, and the dispatcher's retry with fresh secrets.
        kit.Mailer.FailWhen = _ => true;
        var failed = await kit.InviteOneAsync("pat@example.com");
        Assert.Equal(0, issuer.Uncleared);
        kit.Mailer.FailWhen = null;
        kit.Clock.Advance(Duration.FromHours(2));
        Assert.Equal(1, (await kit.Dispatcher.DispatchAsync()).Sent);
        Assert.Equal(0, issuer.Uncleared);
        Assert.Equal(failed, kit.Mailer.LastTo("pat@example.com").InvitationId);
    }

    [StoreFact]
    public async Task A_batch_the_store_refuses_leaves_no_secret_it_issued_behind()
    {
        await using var kit = await KitAsync();
        var issuer = kit.Services.GetRequiredService<SecretIssuer>();
        var small = await kit.TenantAsync("small", userLimit: 2);
        var refused = await kit.Manager.InviteAsync(small, new InviteRequest("small", TestKit.Product, [new InviteRecipient("a@example.com"), new InviteRecipient("b@example.com")]));
        refused.ShouldFailWith(InvitationErrorCode.UserLimitExceeded);
        Assert.Equal(0, issuer.Uncleared);
        Assert.Empty(kit.Mailer.Sent);
    }
}
