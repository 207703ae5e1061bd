using System.Security.Cryptography;
using InvitationKit.AspNetCore.Identity;
using InvitationKit.Mail;
using InvitationKit.Mail.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace InvitationKit.EntityFrameworkCore.Tests.Migrations;

/// <summary>
/// README's story on a host database, wired as docs/aspnetcore.md and docs/mail.md tell an adopter: ASP.NET Core Identity
/// on the host's context as the user directory, InvitationKit.Mail over SMTP to a real server in this process. An owner
/// invites an existing and a new user; the mails arrive; the link accepts, the mailed code activates; an invitee whose
/// invitation was revoked signs up with Identity's own <c>CreateAsync</c>.
/// </summary>
internal static class HostFlow
{
    public static async Task RunAsync(HostDatabase database)
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        var services = new ServiceCollection();
        services.AddLogging();
        var kit = services.AddInvitationKit(o => o.SecretKey = RandomNumberGenerator.GetBytes(32))
            .UseInMemoryPorts() // the host's accounts and products; the user directory, store and mailer are replaced below
            .UseAspNetCoreIdentity<IdentityUser>()
            .UseSmtpMailer(o =>
            {
                o.From = "Acme <no-reply@acme.example>";
                o.BaseUrl = new Uri("https://app.acme.example/");
                o.Smtp.Host = "127.0.0.1";
                o.Smtp.Port = smtp.Port;
                o.Smtp.Security = SmtpSecurity.None; // a relay on this host
            });
        var identity = services.AddIdentityCore<IdentityUser>(o =>
        {
            o.User.RequireUniqueEmail = true;
            o.User.AllowedUserNameCharacters = string.Empty;
        });
        database.Register(services, kit, identity);
        await using var provider = services.BuildServiceProvider(validateScopes: true);
        await using var scope = provider.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<IInvitationManager>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var owner = await RegisterAsync(users, "olivia@acme.example");
        var bob = await RegisterAsync(users, "bob@example.com");
        provider.GetRequiredService<InMemoryAccountDirectory>().Add(new AccountInfo("acme", "Acme Corp"));
        var actor = Actor.User(owner.Id);

        Assert.True((await manager.AddFoundingOwnerAsync("acme", owner.Id)).Succeeded);
        var invite = await manager.InviteAsync(actor, new InviteRequest("acme", "cloud",
        [
            new InviteRecipient("bob@example.com", "EDITOR"),
            new InviteRecipient("nina@newcomer.example", "VIEWER"),
        ]));
        Assert.True(invite.Succeeded, string.Join("; ", invite.Errors));

        // Bob follows the link in his mail and accepts, signed in.
        var bobSecret = MailParts.Query(MailParts.Links(MailTo(smtp, "bob@example.com")).Single(l => l.Contains("/Invite?", StringComparison.Ordinal)), "secret");
        var accepted = await manager.AcceptAsync(bobSecret, new SignedInIdentity(bob.Id, "bob@example.com", SignedInIdentity.LocalProvider, EmailVerified: true));
        Assert.True(accepted.Succeeded, string.Join("; ", accepted.Errors));

        // Nina, new, enters the code from her mail and a password; Identity then signs her in with it.
        var ninaMail = MailTo(smtp, "nina@newcomer.example");
        var activated = await manager.ActivateAsync(new ActivationRequest("nina@newcomer.example", MailParts.Code(ninaMail), "Correct-horse-battery-9"));
        Assert.True(activated.Succeeded, string.Join("; ", activated.Errors));
        var nina = await users.FindByEmailAsync("nina@newcomer.example");
        Assert.True(await users.CheckPasswordAsync(nina!, "Correct-horse-battery-9"));

        // A stranger invited and revoked signs up through the host's own registration, unchanged.
        var sam = await manager.InviteAsync(actor, new InviteRequest("acme", "cloud", [new InviteRecipient("sam@stranger.example", "VIEWER")]));
        Assert.NotNull(await users.FindByEmailAsync("sam@stranger.example")); // pending activation
        Assert.True((await manager.RevokeAsync(actor, sam.Value.Invitations[0].Id)).Succeeded);
        await RegisterAsync(users, "sam@stranger.example");

        var members = await manager.ListMembersAsync(actor, new MemberQuery("acme"));
        Assert.Equal(3, members.Value.TotalCount);
        Assert.Equal(3, (await manager.GetSeatUsageAsync(actor, "acme")).Value.Occupied);
    }

    private static async Task<IdentityUser> RegisterAsync(UserManager<IdentityUser> users, string email)
    {
        var user = new IdentityUser { UserName = email, Email = email, EmailConfirmed = true };
        var created = await users.CreateAsync(user, "Str0ng-password");
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        return user;
    }

    private static MimeMessage MailTo(SmtpTestServer smtp, string email) =>
        Assert.Single(smtp.Received, m => m.To.Contains(email)).Message;
}
