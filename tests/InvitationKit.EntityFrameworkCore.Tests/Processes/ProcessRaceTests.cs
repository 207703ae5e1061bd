using System.Globalization;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace InvitationKit.EntityFrameworkCore.Tests.Processes;

/// <summary>
/// Processes racing: 8 OS processes, each an app instance with its own connection pool, invite into the last seats of
/// one account, race accept against revoke on one invitation, and send one idempotent invite each, 20 rounds per store.
/// Never over the limit, exactly one winner, every copy of the idempotent invite answered with the first outcome, and no
/// busy, serialization or deadlock error escapes as an exception.
/// </summary>
public sealed class ProcessRaceTests(ITestOutputHelper output)
{
    private const int Processes = 8;
    private const int Rounds = 20;
    private const int UserLimit = 5; // the owner plus 4 seats for 8 racers

    [Fact]
    public Task Eight_processes_race_on_sqlite() => RaceAsync(InvitationKitDatabase.Sqlite);

    [PostgresFact]
    public Task Eight_processes_race_on_postgresql() => RaceAsync(InvitationKitDatabase.PostgreSql);

    [Fact]
    public Task Four_processes_share_one_per_actor_throttle_on_sqlite() => SharedThrottleAsync(InvitationKitDatabase.Sqlite);

    [PostgresFact]
    public Task Four_processes_share_one_per_actor_throttle_on_postgresql() => SharedThrottleAsync(InvitationKitDatabase.PostgreSql);

    /// <summary>
    /// With the throttles in the database (<c>UseEntityFrameworkCoreRateLimiter</c>), 4 app instances in 4 OS processes
    /// each invite 15 addresses as one admin at once, under a per-actor limit of 20 recipients an hour: 20 invitations
    /// are stored in total, not 20 per process, and every other invite is refused as <c>RateLimited</c>.
    /// </summary>
    private async Task SharedThrottleAsync(InvitationKitDatabase kind)
    {
        const int Workers = 4, Each = 15, Limit = 20; // Limit: the worker's BurstLimit
        await using var database = await TestDatabase.CreateAsync(kind);
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var name = kind == InvitationKitDatabase.Sqlite ? "sqlite" : "postgresql";
        var workers = (await Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => Task.Run(() => WorkerProcess.Start("serve", name, database.ConnectionString, key, "shared-throttle"))))).ToList();
        try
        {
            var replies = Race(workers, w => $"burst burst p{w} {Each}");
            var counts = replies.Select(r => r.Split(' ')).Select(p => (Granted: int.Parse(p[1], CultureInfo.InvariantCulture), Throttled: int.Parse(p[2], CultureInfo.InvariantCulture))).ToArray();
            Assert.Equal(Limit, counts.Sum(c => c.Granted));
            Assert.Equal((Workers * Each) - Limit, counts.Sum(c => c.Throttled));
            Assert.Equal(Limit, await database.ScalarAsync("SELECT COUNT(*) AS \"Value\" FROM invitationkit_invitations WHERE account_id = 'burst'"));
            output.WriteLine($"{kind}: {Workers} processes × {Each} invites under a limit of {Limit}: granted {string.Join(" + ", counts.Select(c => c.Granted))}");
        }
        finally
        {
            workers.ForEach(w => w.Dispose());
        }
    }

    private async Task RaceAsync(InvitationKitDatabase kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var key = RandomNumberGenerator.GetBytes(32);
        var workers = new List<WorkerProcess>();
        try
        {
            var name = kind == InvitationKitDatabase.Sqlite ? "sqlite" : "postgresql";
            await Task.WhenAll(Enumerable.Range(0, Processes).Select(_ => Task.Run(() =>
            {
                var worker = WorkerProcess.Start("serve", name, database.ConnectionString, Convert.ToBase64String(key));
                lock (workers)
                {
                    workers.Add(worker);
                }
            })));

            // The parent is one more instance: it sets up each round's account and invitation.
            var services = new ServiceCollection();
            services.AddDbContext<InvitationKitDbContext>(o => database.Configure(o));
            services.AddInvitationKit(o => o.SecretKey = key).UseInMemoryPorts().UseEntityFrameworkCore<InvitationKitDbContext>();
            await using var provider = services.BuildServiceProvider();
            var mailer = provider.GetRequiredService<CapturingMailer>();
            var (seatWins, accepts, revokes) = (0, 0, 0);
            provider.GetRequiredService<InMemoryAccountDirectory>().Add(new AccountInfo("unused", "unused"));
            await using (var setup = provider.CreateAsyncScope())
            {
                await setup.ServiceProvider.GetRequiredService<IInvitationManager>().AddFoundingOwnerAsync("unused", "owner"); // the workers' warm-up may have added it
            }

            for (var round = 0; round < Rounds; round++)
            {
                var account = $"race{round}";
                provider.GetRequiredService<InMemoryAccountDirectory>().Add(new AccountInfo(account, account, UserLimit));
                await using var scope = provider.CreateAsyncScope();
                var kit = scope.ServiceProvider.GetRequiredService<IInvitationManager>();
                Assert.True((await kit.AddFoundingOwnerAsync(account, "owner")).Succeeded);

                // The last seats: 8 processes invite one address each into 4 free seats.
                var invites = Race(workers, w => $"invite {account} p{w}@race.example");
                Assert.All(invites, r => Assert.Matches("^(OK .+|ERR UserLimitExceeded)$", r));
                Assert.Equal(UserLimit - 1, invites.Count(r => r.StartsWith("OK", StringComparison.Ordinal)));
                seatWins += UserLimit - 1;

                await using (var check = database.NewContext())
                {
                    Assert.Equal(UserLimit, await database.NewStore(check).CountOccupiedSeatsAsync(account, Instant.FromDateTimeUtc(DateTime.UtcNow), default));
                }

                // Accept against revoke on one invitation: 4 processes accept as the invitee, 4 revoke as different admins.
                var user = provider.GetRequiredService<InMemoryUserDirectory>().AddUser($"shared{round}@race.example", id: $"shared-{round}");
                var target = (await kit.InviteAsync(Actor.Admin("ops"), new InviteRequest("unused", "cloud", [new InviteRecipient(user.Email!)]))).Value;
                var secret = mailer.LastTo(user.Email!).Secret;
                var id = target.Invitations[0].Id;
                var outcomes = Race(workers, w => w < Processes / 2 ? $"accept {secret} {user.Id} {user.Email}" : $"revoke admin{w} {id}");
                var accepted = outcomes.Take(Processes / 2).Count(r => r == "OK");
                var revoked = outcomes.Skip(Processes / 2).Count(r => r == "OK");
                Assert.All(outcomes, r => Assert.Matches("^(OK|ERR (InvitationNotPending|ConcurrencyConflict))$", r));
                var status = (await kit.GetAsync(Actor.Admin("ops"), id)).Value.Status;
                if (status == InvitationStatus.Accepted)
                {
                    Assert.Equal((Processes / 2, 0), (accepted, revoked)); // one acceptance; its repeats by the same user are the same success
                    accepts++;
                }
                else
                {
                    Assert.Equal((InvitationStatus.Revoked, 0, 1), (status, accepted, revoked)); // exactly one admin revoked it
                    revokes++;
                }

                // One idempotent invite sent by every process at once (a load balancer's retry, a double click): every
                // copy answers the first outcome, the same invitations, and only one batch is stored.
                var idempotent = $"idem{round}";
                provider.GetRequiredService<InMemoryAccountDirectory>().Add(new AccountInfo(idempotent, idempotent, 50));
                Assert.True((await kit.AddFoundingOwnerAsync(idempotent, "owner")).Succeeded);
                var copies = Race(workers, _ => $"idem {idempotent} key-{round} a{round}@idem.example,b{round}@idem.example");
                Assert.All(copies, r => Assert.Matches("^OK [0-9a-f-]+,[0-9a-f-]+$", r));
                Assert.Single(copies.Distinct());
                Assert.Equal(2, (await kit.GetSeatUsageAsync(Actor.Admin("ops"), idempotent)).Value.Occupied - 1);
            }

            output.WriteLine($"{kind}: {Rounds} rounds × {Processes} processes: {seatWins} seats won, accept won {accepts} times, revoke {revokes} times");
        }
        finally
        {
            workers.ForEach(w => w.Dispose());
        }
    }

    /// <summary>Sends each worker its command at once and collects every reply, in worker order.</summary>
    private static string[] Race(List<WorkerProcess> workers, Func<int, string> command)
    {
        for (var w = 0; w < workers.Count; w++)
        {
            workers[w].Send(command(w));
        }

        var replies = workers.Select(w => w.Next(TimeSpan.FromSeconds(60))).ToArray();
        Assert.DoesNotContain(replies, r => r.StartsWith("EXC", StringComparison.Ordinal));
        return replies;
    }
}
