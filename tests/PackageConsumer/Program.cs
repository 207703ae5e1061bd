using System.Security.Cryptography;
using InvitationKit;
using InvitationKit.Ports;
using InvitationKit.Testing;
using Microsoft.Extensions.DependencyInjection;

// 1. Register the kit. The in-memory ports stand in for your database, users, accounts and mail server.
var services = new ServiceCollection();
services.AddInvitationKit(options => options.SecretKey = RandomNumberGenerator.GetBytes(32)) // production: from a secret store
    .UseInMemoryPorts();
await using var provider = services.BuildServiceProvider();
await using var scope = provider.CreateAsyncScope();
var kit = scope.ServiceProvider.GetRequiredService<IInvitationManager>();

// 2. Your data: an account, its owner, and Bob, who is already registered.
var users = provider.GetRequiredService<InMemoryUserDirectory>();
var owner = users.AddUser("olivia@acme.example");
var bob = users.AddUser("bob@example.com");
provider.GetRequiredService<InMemoryAccountDirectory>().Add(new AccountInfo("acme", "Acme Corp"));
Check(await kit.AddFoundingOwnerAsync("acme", owner.Id));

// 3. Invite a batch: Bob accepts with the link, Nina (new) activates with the mailed one-time password.
var invite = await kit.InviteAsync(Actor.User(owner.Id), new InviteRequest("acme", "cloud",
[
    new InviteRecipient("bob@example.com", "EDITOR"),
    new InviteRecipient("nina@newcomer.example", "VIEWER"),
]));
Check(invite);

// 4. What the mails carry (the capturing mailer keeps them; a real mailer puts them in links and text).
var mailer = provider.GetRequiredService<CapturingMailer>();
var bobsLink = mailer.LastTo("bob@example.com").Secret;
var ninasCode = mailer.LastTo("nina@newcomer.example").OneTimePassword!;

// 5. Bob opens the link (a GET: preview, spends nothing), signs in, and accepts (the POST).
Check(await kit.PreviewAsync(bobsLink));
var signedIn = new SignedInIdentity(bob.Id, "bob@example.com", Provider: "Local", EmailVerified: true);
Check(await kit.AcceptAsync(bobsLink, signedIn));

// 6. Nina enters her address, the code and the password she chooses.
Check(await kit.ActivateAsync(new ActivationRequest("nina@newcomer.example", ninasCode, "correct horse battery staple")));

var members = await kit.ListMembersAsync(Actor.User(owner.Id), new MemberQuery("acme"));
Check(members);
Console.WriteLine($"acme has {members.Value.TotalCount} members.");
return members.Value.TotalCount == 3 ? 0 : 1;

// Every operation returns a result; a failure carries codes, messages and remedies, never an exception.
static void Check<T>(InvitationResult<T> result)
{
    if (!result.Succeeded)
    {
        foreach (var error in result.Errors)
        {
            Console.Error.WriteLine($"{error.Code} {error.Recipient}: {error.Message} → {string.Join(" / ", error.Remedies)}");
        }

        Environment.Exit(1);
    }
}
