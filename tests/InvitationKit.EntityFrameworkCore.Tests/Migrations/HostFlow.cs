using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;

namespace InvitationKit.EntityFrameworkCore.Tests.Migrations;

/// <summary>README's story on a host database: found an account, invite an existing and a new user, accept, activate.</summary>
internal static class HostFlow
{
    public static async Task RunAsync(HostDatabase database)
    {
        var services = new ServiceCollection();
        var kit = services.AddInvitationKit(o => o.SecretKey = RandomNumberGenerator.GetBytes(32)).UseInMemoryPorts();
        database.Register(services, kit);
        await using var provider = services.BuildServiceProvider(validateScopes: true);
        await using var scope = provider.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<IInvitationManager>();
        var users = provider.GetRequiredService<InMemoryUserDirectory>();
        var owner = users.AddUser("olivia@acme.example");
        var bob = users.AddUser("bob@example.com");
        provider.GetRequiredService<InMemoryAccountDirectory>().Add(new AccountInfo("acme", "Acme Corp"));

        Assert.True((await manager.AddFoundingOwnerAsync("acme", owner.Id)).Succeeded);
        var invite = await manager.InviteAsync(Actor.User(owner.Id), new InviteRequest("acme", "cloud",
        [
            new InviteRecipient("bob@example.com", "EDITOR"),
            new InviteRecipient("nina@newcomer.example", "VIEWER"),
        ]));
        Assert.True(invite.Succeeded, string.Join("; ", invite.Errors));
        var mailer = provider.GetRequiredService<CapturingMailer>();
        var accepted = await manager.AcceptAsync(mailer.LastTo("bob@example.com").Secret, new SignedInIdentity(bob.Id, "bob@example.com", "Local", EmailVerified: true));
        Assert.True(accepted.Succeeded, string.Join("; ", accepted.Errors));
        var activated = await manager.ActivateAsync(new ActivationRequest("nina@newcomer.example", mailer.LastTo("nina@newcomer.example").OneTimePassword!, "correct horse battery staple"));
        Assert.True(activated.Succeeded, string.Join("; ", activated.Errors));

        var members = await manager.ListMembersAsync(Actor.User(owner.Id), new MemberQuery("acme"));
        Assert.Equal(3, members.Value.TotalCount);
        Assert.Equal(3, (await manager.GetSeatUsageAsync(Actor.User(owner.Id), "acme")).Value.Occupied);
    }
}
