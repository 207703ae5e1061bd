// One app instance in its own OS process, for the crash and multi-process race tests. It prints one line per
// acknowledged result and flushes it before going on, so whatever the parent read was acknowledged before any kill.
//   crash <sqlite|postgresql> <connection string> <base64 key> <account> <tag>   invites and accepts in a loop until killed
//   serve <sqlite|postgresql> <connection string> <base64 key>                  runs the commands read from stdin, one per line:
//       invite <account> <email>  |  accept <secret> <user id> <email>  |  revoke <admin id> <invitation id>
//       idem <account> <idempotency key> <email>,<email>…  (an invite under an idempotency key)
//       burst <account> <tag> <count>  (invites <count> addresses one at a time as one admin: "OK <granted> <throttled>")
//   serve … shared-throttle  as serve, with the throttles in the database (UseEntityFrameworkCoreRateLimiter) and
//       InvitesPerActor at BurstLimit recipients an hour, every other throttle off
using InvitationKit;
using InvitationKit.EntityFrameworkCore;
using InvitationKit.Ports;
using InvitationKit.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

var (mode, database, connectionString, key) = (args[0], args[1], args[2], Convert.FromBase64String(args[3]));
const int BurstLimit = 20; // recipients the burst admin may invite an hour with the shared throttle, over every process
var sharedThrottle = args.Length > 4 && args[4] == "shared-throttle";
var services = new ServiceCollection();
services.AddDbContext<InvitationKitDbContext>(o => _ = database == "sqlite" ? o.UseSqlite(connectionString) : o.UseNpgsql(connectionString));
var kitBuilder = services.AddInvitationKit(o =>
    {
        o.SecretKey = key;
        (o.RateLimits, o.ResendCooldown) = (InvitationRateLimitOptions.Unlimited(), Duration.Zero);
        if (sharedThrottle)
        {
            o.RateLimits.InvitesPerActor = new RateLimitRule(BurstLimit, Duration.FromHours(1));
        }

        o.Delivery.LeaseTimeout = Duration.FromSeconds(5);
    })
    .UseInMemoryPorts()
    .UseEntityFrameworkCore<InvitationKitDbContext>();
if (sharedThrottle)
{
    kitBuilder.UseEntityFrameworkCoreRateLimiter<InvitationKitDbContext>();
}

services.AddSingleton<SlowMailer>();
services.AddSingleton<IInvitationMailer>(sp => sp.GetRequiredService<SlowMailer>());
await using var provider = services.BuildServiceProvider();
var accounts = provider.GetRequiredService<InMemoryAccountDirectory>();
var users = provider.GetRequiredService<InMemoryUserDirectory>();
var mailer = provider.GetRequiredService<SlowMailer>();
var owner = Actor.User("owner");

if (mode == "crash")
{
    var (account, tag) = (args[4], args[5]);
    accounts.Add(new AccountInfo(account, account, UserLimit: 40));
    await WarmUpAsync(account);
    Console.WriteLine("READY");
    for (var n = 0; ; n++)
    {
        var size = 1 + (n % 3);
        var emails = Enumerable.Range(0, size).Select(i => $"{tag}-b{n}-{i}of{size}@crash.example").ToArray();
        var registered = emails.Select(e => users.AddUser(e)).ToArray();
        await using var scope = provider.CreateAsyncScope();
        var kit = scope.ServiceProvider.GetRequiredService<IInvitationManager>();
        var invited = await kit.InviteAsync(owner, new InviteRequest(account, "cloud", [.. emails.Select(e => new InviteRecipient(e, "VIEWER"))]));
        if (!invited.Succeeded)
        {
            Console.WriteLine($"REFUSED {invited.Errors[0].Code}");
            continue;
        }

        Console.WriteLine($"INVITED {string.Join(',', invited.Value.Invitations.Select(i => i.Id))}");
        var first = invited.Value.Invitations[0];
        if (mailer.SecretOf(first.Id) is { } secret
            && (await kit.AcceptAsync(secret, new SignedInIdentity(registered[0].Id, emails[0], "password", EmailVerified: true))).Succeeded)
        {
            Console.WriteLine($"ACCEPTED {first.Id}");
        }
    }
}

accounts.Add(new AccountInfo("unused", "unused"));
await WarmUpAsync("unused");
Console.WriteLine("READY");
while (Console.ReadLine() is { } line)
{
    var parts = line.Split(' ');
    await using var scope = provider.CreateAsyncScope();
    var kit = scope.ServiceProvider.GetRequiredService<IInvitationManager>();
    try
    {
        string outcome;
        switch (parts[0])
        {
            case "invite":
                accounts.Add(new AccountInfo(parts[1], parts[1], UserLimit: 5));
                var invited = await kit.InviteAsync(owner, new InviteRequest(parts[1], "cloud", [new InviteRecipient(parts[2], "VIEWER")]));
                outcome = invited.Succeeded ? $"OK {invited.Value.Invitations[0].Id}" : $"ERR {invited.Errors[0].Code}";
                break;
            case "idem":
                accounts.Add(new AccountInfo(parts[1], parts[1], UserLimit: 50));
                var copy = await kit.InviteAsync(owner, new InviteRequest(parts[1], "cloud", [.. parts[3].Split(',').Select(e => new InviteRecipient(e, "VIEWER"))], IdempotencyKey: parts[2]));
                outcome = copy.Succeeded ? $"OK {string.Join(',', copy.Value.Invitations.Select(i => i.Id))}" : $"ERR {copy.Errors[0].Code}";
                break;
            case "burst":
                accounts.Add(new AccountInfo(parts[1], parts[1], UserLimit: 1000));
                var (granted, throttled) = (0, 0);
                for (var n = 0; n < int.Parse(parts[3], System.Globalization.CultureInfo.InvariantCulture); n++)
                {
                    var sent = await kit.InviteAsync(Actor.Admin("burst-admin"), new InviteRequest(parts[1], "cloud", [new InviteRecipient($"{parts[2]}-{n}@burst.example", "VIEWER")]));
                    _ = sent.Succeeded ? granted++ : sent.Errors[0].Code == InvitationErrorCode.RateLimited ? throttled++ : throw new InvalidOperationException(sent.Errors[0].Message);
                }

                outcome = $"OK {granted} {throttled}";
                break;
            case "accept":
                // The invitee as the host's shared user directory knows them: each process has an in-memory one of its own.
                if (await users.FindByEmailAsync(EmailAddress.Parse(parts[3]), default) is null)
                {
                    users.AddUser(parts[3], id: parts[2]);
                }

                var accepted = await kit.AcceptAsync(parts[1], new SignedInIdentity(parts[2], parts[3], "password", EmailVerified: true));
                outcome = accepted.Succeeded ? "OK" : $"ERR {accepted.Errors[0].Code}";
                break;
            case "revoke":
                var revoked = await kit.RevokeAsync(Actor.Admin(parts[1]), Guid.Parse(parts[2]));
                outcome = revoked.Succeeded ? "OK" : $"ERR {revoked.Errors[0].Code}";
                break;
            default:
                outcome = $"ERR unknown command {parts[0]}";
                break;
        }

        Console.WriteLine(outcome);
    }
    catch (Exception exception)
    {
        Console.WriteLine($"EXC {exception.GetType().Name}: {exception.Message.ReplaceLineEndings(" ")}");
    }
}

return 0;

// Validates the options (reading the schema version), builds the EF model, opens a connection and runs one invite and
// accept in an account of its own before the parent starts timing, so the kills land among real operations.
async Task WarmUpAsync(string account)
{
    var warm = $"{account}-warm-up-{Environment.ProcessId}";
    accounts.Add(new AccountInfo(warm, warm));
    await using var scope = provider.CreateAsyncScope();
    var kit = scope.ServiceProvider.GetRequiredService<IInvitationManager>();
    await kit.AddFoundingOwnerAsync(warm, "owner");
    var email = $"{Guid.NewGuid():N}@warm-up.example";
    var user = users.AddUser(email);
    var invited = await kit.InviteAsync(owner, new InviteRequest(warm, "cloud", [new InviteRecipient(email, "VIEWER")]));
    await kit.AcceptAsync(mailer.SecretOf(invited.Value.Invitations[0].Id)!, new SignedInIdentity(user.Id, email, "password", EmailVerified: true));
    await kit.RevokeAsync(Actor.Admin("warm-up"), Guid.NewGuid());
}

/// <summary>A mailer that takes a few milliseconds, as a real one does, so that kills land mid-send too.</summary>
internal sealed class SlowMailer : IInvitationMailer
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, string> _secrets = new();

    public string? SecretOf(Guid invitationId) => _secrets.GetValueOrDefault(invitationId);

    public async Task SendAsync(InvitationMessage message, CancellationToken cancellationToken)
    {
        await Task.Delay(Random.Shared.Next(0, 15), cancellationToken);
        _secrets[message.InvitationId] = message.Secret;
    }
}
