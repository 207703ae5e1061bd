// The InvitationKit quickstart: the vendors' "User invitation" story, played on the in-memory ports.
//   dotnet run --project samples/InvitationKit.Samples.Quickstart                   (everything in memory)
//   dotnet run --project samples/InvitationKit.Samples.Quickstart -- --store sqlite (invitations in ./invitationkit-quickstart.db)
using System.Security.Cryptography;
using InvitationKit;
using InvitationKit.EntityFrameworkCore;
using InvitationKit.Ports;
using InvitationKit.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NodaTime;
using NodaTime.Testing;

var store = args.SkipWhile(a => a != "--store").Skip(1).FirstOrDefault() ?? "memory";
if (store is not ("memory" or "sqlite"))
{
    Console.Error.WriteLine($"Unknown store '{store}'. Use --store memory (the default) or --store sqlite.");
    return 2;
}

const string DatabaseFile = "invitationkit-quickstart.db";
var clock = new FakeClock(Instant.FromUtc(2026, 1, 1, 0, 0));
var products = new InMemoryProductCatalog();
var services = new ServiceCollection();
services.AddSingleton<IProductCatalog>(products); // optional port: without it every product is shared
// The kit's log messages, with their stable event ids (e.g. InvitationKit.InvitationManager[1000]); never a secret.
services.AddLogging(logging => logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Information).AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning));
services.AddInvitationKit(options =>
    {
        options.SecretKey = RandomNumberGenerator.GetBytes(32); // in production: from a secret store
        options.DefaultUserLimit = 250;
    })
    .UseInMemoryPorts()
    .UseFakeClock(clock);
if (store == "sqlite")
{
    services.AddDbContext<InvitationKitDbContext>(o => o.UseSqlite($"Data Source={DatabaseFile}"));
    services.AddInvitationKit().UseEntityFrameworkCore<InvitationKitDbContext>();
}

await using var provider = services.BuildServiceProvider();
var run = await PrepareStoreAsync(provider, store);
string Account(string name) => run == 1 ? name : $"{name}-run{run}"; // each run of a persistent store uses new accounts

// The host's data: two accounts, three products, some registered users.
var accounts = provider.GetRequiredService<InMemoryAccountDirectory>();
var users = provider.GetRequiredService<InMemoryUserDirectory>();
accounts.Add(new AccountInfo(Account("acme"), "Acme Corp"));
accounts.Add(new AccountInfo(Account("tiny"), "Tiny Team", UserLimit: 3));
products.Add(new ProductInfo("cloud", "Conversational Cloud"));
var owner = users.AddUser("olivia@acme.example");
var bob = users.AddUser("Bob@Example.com");
var githubUser = users.AddUser(email: null);

await using var scope = provider.CreateAsyncScope();
var kit = scope.ServiceProvider.GetRequiredService<IInvitationManager>();
var mailer = provider.GetRequiredService<CapturingMailer>();
var ownerActor = Actor.User(owner.Id);

Step("Olivia creates the Acme account and becomes its owner");
Show(await kit.AddFoundingOwnerAsync(Account("acme"), owner.Id));

Step("Olivia invites a batch: Bob (registered) and Nina (new) — addresses are matched case-insensitively");
var invite = await kit.InviteAsync(ownerActor, new InviteRequest(Account("acme"), "cloud",
[
    new InviteRecipient("bob@example.com", "EDITOR"),
    new InviteRecipient("nina@newcomer.example", WellKnownRoles.UserAdmin),
]));
Show(invite);
foreach (var sent in mailer.Sent)
{
    Console.WriteLine($"    mail → {sent.Recipient} ({sent.Kind}), expires {sent.ExpiresAt}{(sent.OneTimePassword is null ? string.Empty : ", carries a one-time password")}");
}

Step("Bob opens the link and signs in with his password account");
var bobMail = mailer.LastTo("bob@example.com");
Show(await kit.AcceptAsync(bobMail.Secret, new SignedInIdentity(bob.Id, "bob@example.com", "password", EmailVerified: true)));

Step("Nina, a new user, activates with the OTP from her mail and chooses a password");
var ninaMail = mailer.LastTo("nina@newcomer.example");
Show(await kit.ActivateAsync(new ActivationRequest("nina@newcomer.example", ninaMail.OneTimePassword!, "correct horse battery staple")));
var nina = users.Users.Single(u => u.Email == "nina@newcomer.example");
Console.WriteLine($"    Nina's user is now {nina.State}");

Step("Nina (USER_ADMIN, not an owner) tries to grant owner capability — refused");
Show(await kit.InviteAsync(Actor.User(nina.Id), new InviteRequest(Account("acme"), "cloud", [new InviteRecipient("carol@example.com", [], GrantsOwner: true)])));

Step("A batch of 21 recipients — refused, the limit is 20 at a time");
var crowd = Enumerable.Range(1, 21).Select(i => new InviteRecipient($"person{i}@example.com", "VIEWER")).ToArray();
Show(await kit.InviteAsync(ownerActor, new InviteRequest(Account("acme"), "cloud", crowd)));

Step("Tiny Team has 3 seats: its owner plus two pending invitations fill it; the next invite is refused");
var tinyOwner = users.AddUser("tom@tiny.example");
await kit.AddFoundingOwnerAsync(Account("tiny"), tinyOwner.Id);
var tinyActor = Actor.User(tinyOwner.Id);
var filled = await kit.InviteAsync(tinyActor, new InviteRequest(Account("tiny"), "cloud", [new("a@tiny.example", "VIEWER"), new("b@tiny.example", "VIEWER")]));
Show(filled);
Show(await kit.InviteAsync(tinyActor, new InviteRequest(Account("tiny"), "cloud", [new("c@tiny.example", "VIEWER")])));

Step("Revoking a pending invitation frees its seat at once; the invite now succeeds");
Show(await kit.RevokeAsync(tinyActor, filled.Value.Invitations[0].Id));
Show(await kit.InviteAsync(tinyActor, new InviteRequest(Account("tiny"), "cloud", [new("c@tiny.example", "VIEWER")])));

Step("Eight days pass: an invitation is valid for one week, so accepting is refused");
var late = await kit.InviteAsync(ownerActor, new InviteRequest(Account("acme"), "cloud", [new("late@example.com", "VIEWER")]));
var lateMail = mailer.LastTo("late@example.com");
clock.Advance(Duration.FromDays(8));
Show(await kit.AcceptAsync(lateMail.Secret, new SignedInIdentity("someone", "late@example.com", "password", EmailVerified: true)));
Console.WriteLine($"    listed as: {(await kit.GetAsync(ownerActor, late.Value.Invitations[0].Id)).Value.Status}");

Step("Gina signs in with GitHub, which did not disclose her email — refused with the remedies");
var ginaInvite = await kit.InviteAsync(ownerActor, new InviteRequest(Account("acme"), "cloud", [new("gina@example.com", "VIEWER")]));
Console.WriteLine($"    (Gina's GitHub user has no email, so she was invited as a {ginaInvite.Value.Invitations[0].Kind})");
var ginaMail = mailer.LastTo("gina@example.com");
Show(await kit.AcceptAsync(ginaMail.Secret, new SignedInIdentity(githubUser.Id, Email: null, "GitHub", EmailVerified: true)));

Step("Someone signs in through SSO with another email — refused with the remedies");
Show(await kit.AcceptAsync(ginaMail.Secret, new SignedInIdentity("u-sso", "gina.other@corp.example", "SSO", EmailVerified: true)));

Step("The Acme invitation list, as the owner sees it");
var list = await kit.ListAsync(ownerActor, new InvitationQuery(Account("acme")));
foreach (var item in list.Value.Items)
{
    Console.WriteLine($"    {item.Email,-24} {item.Status,-9} {item.Kind,-12} roles [{string.Join(", ", item.Roles)}] mail {item.Delivery}");
}

if (store == "sqlite")
{
    await using var report = provider.CreateAsyncScope();
    var database = report.ServiceProvider.GetRequiredService<InvitationKitDbContext>().Database;
    var total = (await database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM invitationkit_invitations").ToListAsync()).Single();
    Console.WriteLine();
    Console.WriteLine($"{DatabaseFile} now holds {total} invitations from {run} run(s); run again and the earlier ones are still there.");
}

Console.WriteLine();
Console.WriteLine("Quickstart finished.");
return 0;

// Creates or upgrades the schema of a persistent store and says what earlier runs left; returns this run's number.
static async Task<int> PrepareStoreAsync(IServiceProvider provider, string store)
{
    Console.WriteLine($"Store: {(store == "sqlite" ? $"SQLite file {Path.GetFullPath(DatabaseFile)}" : "in memory")}");
    if (store != "sqlite")
    {
        return 1;
    }

    await using var scope = provider.CreateAsyncScope();
    var context = scope.ServiceProvider.GetRequiredService<InvitationKitDbContext>();
    await InvitationKitSchema.ApplyAsync(context);
    var owners = (await context.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM invitationkit_members WHERE invitation_id IS NULL").ToListAsync()).Single();
    var earlier = (await context.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM invitationkit_invitations").ToListAsync()).Single();
    Console.WriteLine($"  found {earlier} invitation(s) from {owners / 2} earlier run(s)");
    return (owners / 2) + 1;
}

static void Step(string title)
{
    Console.WriteLine();
    Console.WriteLine($"== {title}");
}

static void Show<T>(InvitationResult<T> result)
{
    if (result.Succeeded)
    {
        var text = result.Value switch
        {
            InviteOutcome outcome => $"{outcome.Invitations.Count} invitation(s) created: " + string.Join(", ", outcome.Invitations.Select(i => $"{i.Email} ({i.Kind}, mail {i.Delivery})")),
            Member member => $"{member.UserId} is a member of {member.AccountId} with roles [{string.Join(", ", member.Roles)}]{(member.IsOwner ? " and owner capability" : string.Empty)}",
            InvitationView view => $"invitation for {view.Email} is now {view.Status}",
            var other => other?.ToString() ?? "done",
        };
        Console.WriteLine($"  ✓ {text}");
        return;
    }

    foreach (var error in result.Errors)
    {
        Console.WriteLine($"  ✗ {error.Code}{(error.Recipient is null ? string.Empty : $" [{error.Recipient}]")}: {error.Message}");
        foreach (var remedy in error.Remedies)
        {
            Console.WriteLine($"      → {remedy}");
        }
    }
}
