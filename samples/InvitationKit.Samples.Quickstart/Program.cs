// The InvitationKit quickstart: the vendors' "User invitation" story, played on the in-memory ports.
//   dotnet run --project samples/InvitationKit.Samples.Quickstart                   (everything in memory)
//   dotnet run --project samples/InvitationKit.Samples.Quickstart -- --store sqlite (invitations in ./invitationkit-quickstart.db,
//                                                                                   mail written by InvitationKit.Mail to
//                                                                                   ./invitationkit-quickstart-mail/*.eml;
//                                                                                   run it again and the story goes on)
using System.Security.Cryptography;
using InvitationKit;
using InvitationKit.EntityFrameworkCore;
using InvitationKit.Ports;
using InvitationKit.Samples.Quickstart;
using InvitationKit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NodaTime;
using NodaTime.Testing;
using Microsoft.EntityFrameworkCore;

var store = args.SkipWhile(a => a != "--store").Skip(1).FirstOrDefault() ?? "memory";
if (store is not ("memory" or "sqlite"))
{
    Console.Error.WriteLine($"Unknown store '{store}'. Use --store memory (the default) or --store sqlite.");
    return 2;
}

const string DatabaseFile = "invitationkit-quickstart.db";
const string StateFile = "invitationkit-quickstart.json";
const string MailDirectory = "invitationkit-quickstart-mail";
var persistent = store == "sqlite";
var saved = persistent ? LoadOrReset() : null;
var secretKey = saved is null ? RandomNumberGenerator.GetBytes(32) : Convert.FromBase64String(saved.SecretKey);
var clock = new FakeClock(saved?.Clock ?? Instant.FromUtc(2026, 1, 1, 0, 0));
var products = new InMemoryProductCatalog();
var services = new ServiceCollection();
services.AddSingleton<IProductCatalog>(products); // optional port: without it every product is shared
// The kit's log messages, with their stable event ids (e.g. InvitationKit.InvitationManager[1000]); never a secret.
services.AddLogging(logging => logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Information).AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning));
services.AddInvitationKit(options =>
    {
        options.SecretKey = secretKey; // in production: from a secret store, the same key on every run and instance
        options.DefaultUserLimit = 250;
    })
    .UseInMemoryPorts()
    .UseFakeClock(clock);
if (persistent)
{
    services.AddDbContext<InvitationKitDbContext>(o => o.UseSqlite($"Data Source={DatabaseFile}"));
    services.AddInvitationKit()
        .UseEntityFrameworkCore<InvitationKitDbContext>()
        .UseSmtpMailer(o => // InvitationKit.Mail: the localized templates, written to files instead of an SMTP server
        {
            o.From = "Acme <no-reply@acme.example>";
            o.BaseUrl = new Uri("https://app.acme.example/");
            o.PickupDirectory = MailDirectory; // a real host sets o.Smtp.Host (and the rest of o.Smtp) instead
        });
}

await using var provider = services.BuildServiceProvider();
Console.WriteLine($"Store: {(persistent ? $"SQLite file {Path.GetFullPath(DatabaseFile)}, mail in {Path.GetFullPath(MailDirectory)}" : "in memory")}");
if (persistent)
{
    await using var schemaScope = provider.CreateAsyncScope();
    await InvitationKitSchema.ApplyAsync(schemaScope.ServiceProvider.GetRequiredService<InvitationKitDbContext>());
}

// The host's data: two accounts, three products, some registered users.
var accounts = provider.GetRequiredService<InMemoryAccountDirectory>();
var users = provider.GetRequiredService<InMemoryUserDirectory>();
accounts.Add(new AccountInfo("acme", "Acme Corp"));
accounts.Add(new AccountInfo("tiny", "Tiny Team", UserLimit: 3));
products.Add(new ProductInfo("cloud", "Conversational Cloud"));
var mailer = persistent ? QuickstartMailbox.PickupDirectory(MailDirectory) : QuickstartMailbox.Captured(provider.GetRequiredService<CapturingMailer>());
if (saved is not null)
{
    saved.Restore(users);
    await using var resumeScope = provider.CreateAsyncScope();
    await ResumeAsync(resumeScope.ServiceProvider.GetRequiredService<IInvitationManager>(), users, mailer, saved.Runs + 1);
    saved.Save(StateFile, clock.GetCurrentInstant(), users);
    Console.WriteLine();
    Console.WriteLine($"Quickstart finished (run {saved.Runs} of the story kept in {DatabaseFile} and {StateFile}).");
    return 0;
}

var owner = users.AddUser("olivia@acme.example");
var bob = users.AddUser("Bob@Example.com");
var githubUser = users.AddUser(email: null);

await using var scope = provider.CreateAsyncScope();
var kit = scope.ServiceProvider.GetRequiredService<IInvitationManager>();
var ownerActor = Actor.User(owner.Id);

Step("Olivia creates the Acme account and becomes its owner");
Show(await kit.AddFoundingOwnerAsync("acme", owner.Id));

Step("Olivia invites a batch: Bob (registered) and Nina (new) — addresses are matched case-insensitively");
var invite = await kit.InviteAsync(ownerActor, new InviteRequest("acme", "cloud",
[
    new InviteRecipient("bob@example.com", "EDITOR"),
    new InviteRecipient("nina@newcomer.example", WellKnownRoles.UserAdmin),
]));
Show(invite);
foreach (var sent in mailer.All)
{
    Console.WriteLine($"    mail → {sent.Recipient}: {sent.Description}");
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
Show(await kit.InviteAsync(Actor.User(nina.Id), new InviteRequest("acme", "cloud", [new InviteRecipient("carol@example.com", [], GrantsOwner: true)])));

Step("A batch of 21 recipients — refused, the limit is 20 at a time");
var crowd = Enumerable.Range(1, 21).Select(i => new InviteRecipient($"person{i}@example.com", "VIEWER")).ToArray();
Show(await kit.InviteAsync(ownerActor, new InviteRequest("acme", "cloud", crowd)));

Step("Tiny Team has 3 seats: its owner plus two pending invitations fill it; the next invite is refused");
var tinyOwner = users.AddUser("tom@tiny.example");
await kit.AddFoundingOwnerAsync("tiny", tinyOwner.Id);
var tinyActor = Actor.User(tinyOwner.Id);
var filled = await kit.InviteAsync(tinyActor, new InviteRequest("tiny", "cloud", [new("a@tiny.example", "VIEWER"), new("b@tiny.example", "VIEWER")]));
Show(filled);
Show(await kit.InviteAsync(tinyActor, new InviteRequest("tiny", "cloud", [new("c@tiny.example", "VIEWER")])));

Step("Revoking a pending invitation frees its seat at once; the invite now succeeds");
Show(await kit.RevokeAsync(tinyActor, filled.Value.Invitations[0].Id));
Show(await kit.InviteAsync(tinyActor, new InviteRequest("tiny", "cloud", [new("c@tiny.example", "VIEWER")])));

Step("Eight days pass: an invitation is valid for one week, so accepting is refused");
var late = await kit.InviteAsync(ownerActor, new InviteRequest("acme", "cloud", [new("late@example.com", "VIEWER")]));
var lateMail = mailer.LastTo("late@example.com");
clock.Advance(Duration.FromDays(8));
Show(await kit.AcceptAsync(lateMail.Secret, new SignedInIdentity("someone", "late@example.com", "password", EmailVerified: true)));
Console.WriteLine($"    listed as: {(await kit.GetAsync(ownerActor, late.Value.Invitations[0].Id)).Value.Status}");

Step("Gina signs in with GitHub, which did not disclose her email — refused with the remedies");
var ginaInvite = await kit.InviteAsync(ownerActor, new InviteRequest("acme", "cloud", [new("gina@example.com", "VIEWER")]));
Console.WriteLine($"    (Gina's GitHub user has no email, so she was invited as a {ginaInvite.Value.Invitations[0].Kind})");
var ginaMail = mailer.LastTo("gina@example.com");
Show(await kit.AcceptAsync(ginaMail.Secret, new SignedInIdentity(githubUser.Id, Email: null, "GitHub", EmailVerified: true)));

Step("Someone signs in through SSO with another email — refused with the remedies");
Show(await kit.AcceptAsync(ginaMail.Secret, new SignedInIdentity("u-sso", "gina.other@corp.example", "SSO", EmailVerified: true)));

Step("The Acme invitation list, as the owner sees it");
var list = await kit.ListAsync(ownerActor, new InvitationQuery("acme"));
foreach (var item in list.Value.Items)
{
    Console.WriteLine($"    {item.Email,-24} {item.Status,-9} {item.Kind,-12} roles [{string.Join(", ", item.Roles)}] mail {item.Delivery}");
}

if (persistent)
{
    QuickstartState.New(secretKey, clock.GetCurrentInstant()).Save(StateFile, clock.GetCurrentInstant(), users);
    Console.WriteLine();
    Console.WriteLine($"{DatabaseFile} and {StateFile} keep this story: run again and the links mailed in this run still work.");
}

Console.WriteLine();
Console.WriteLine("Quickstart finished.");
return 0;

// The state of an earlier --store sqlite run, or null to start the story (deleting a database no state file belongs to).
static QuickstartState? LoadOrReset()
{
    if (QuickstartState.Load(StateFile) is { } state)
    {
        return state;
    }

    if (File.Exists(DatabaseFile))
    {
        Console.WriteLine($"{DatabaseFile} has no {StateFile} beside it (its key and users are gone): starting a new story.");
        foreach (var file in new[] { DatabaseFile, $"{DatabaseFile}-wal", $"{DatabaseFile}-shm" })
        {
            File.Delete(file);
        }

        if (Directory.Exists(MailDirectory))
        {
            Directory.Delete(MailDirectory, recursive: true);
        }
    }

    return null;
}

// A later run: the invitations, users and key of the earlier runs are still there, so their links still work.
static async Task ResumeAsync(IInvitationManager kit, InMemoryUserDirectory users, QuickstartMailbox mailbox, int run)
{
    var owner = Actor.User(users.Users.Single(u => u.Email == "olivia@acme.example").Id);
    Step($"Run {run}: the Acme invitation list, as the earlier runs left it");
    var list = await kit.ListAsync(owner, new InvitationQuery("acme"));
    foreach (var item in list.Value.Items)
    {
        Console.WriteLine($"    {item.Email,-24} {item.Status,-9} {item.Kind,-12} roles [{string.Join(", ", item.Roles)}] mail {item.Delivery}");
    }

    Step("The links mailed in the first run still open their landing pages (the key survived the restart)");
    var pending = list.Value.Items.Where(i => i.Status == InvitationStatus.Pending).Select(i => i.Email).ToHashSet(StringComparer.OrdinalIgnoreCase);
    foreach (var email in pending)
    {
        Console.Write($"    {email}: ");
        Show(await kit.PreviewAsync(mailbox.LastTo(email).Secret));
    }

    Step("Gina has since signed up with a password; she accepts with the link from the first run");
    var gina = mailbox.LastTo("gina@example.com");
    if (!pending.Contains(gina.Recipient))
    {
        Console.WriteLine("    (she accepted in an earlier run: the link is spent)");
        Show(await kit.PreviewAsync(gina.Secret));
        return;
    }

    // The invitation created Gina's user pending activation; registering through the host's own sign-up enabled it.
    var ginaUser = users.Users.Single(u => u.Email == "gina@example.com");
    users.SetState(ginaUser.Id, UserState.Enabled);
    Show(await kit.AcceptAsync(gina.Secret, new SignedInIdentity(ginaUser.Id, "gina@example.com", "password", EmailVerified: true)));
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
            InvitationPreview preview => $"invites to {preview.AccountName} ({preview.ProductName}) as [{string.Join(", ", preview.Roles)}], valid until {preview.ExpiresAt}",
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
