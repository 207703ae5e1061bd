using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace InvitationKit.EntityFrameworkCore.Tests.Processes;

/// <summary>
/// Crashes: a worker process invites and accepts in a loop and is killed with SIGKILL at a random point, 30 times per
/// store. Then a dispatcher recovers, and every acknowledged result must be there, no batch partial, the seat limit
/// held, and every stored pending invitation mailed — none stuck.
/// </summary>
public sealed class CrashTests(ITestOutputHelper output)
{
    private const int Kills = 30;
    private const int UserLimit = 40;

    [Fact]
    public Task Killing_a_worker_30_times_loses_nothing_on_sqlite() => CrashAsync(InvitationKitDatabase.Sqlite);

    [PostgresFact]
    public Task Killing_a_worker_30_times_loses_nothing_on_postgresql() => CrashAsync(InvitationKitDatabase.PostgreSql);

    private async Task CrashAsync(InvitationKitDatabase kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var key = RandomNumberGenerator.GetBytes(32);
        var invited = new List<Guid[]>();
        var accepted = new List<Guid>();
        for (var run = 0; run < Kills; run++)
        {
            var account = $"crash{run}";
            await using (var context = database.NewContext())
            {
                Assert.True(await database.NewStore(context).TryAddFoundingOwnerAsync(new Member(account, "owner", [], true, Instant.FromUtc(2026, 1, 1, 0, 0), null), default));
            }

            using var worker = WorkerProcess.Start("crash", kind == InvitationKitDatabase.Sqlite ? "sqlite" : "postgresql", database.ConnectionString, Convert.ToBase64String(key), account, $"r{run}");
            await Task.Delay(Random.Shared.Next(50, 600));
            worker.Kill();
            foreach (var line in worker.Lines)
            {
                if (line.StartsWith("INVITED ", StringComparison.Ordinal))
                {
                    invited.Add([.. line[8..].Split(',').Select(Guid.Parse)]);
                }
                else if (line.StartsWith("ACCEPTED ", StringComparison.Ordinal))
                {
                    accepted.Add(Guid.Parse(line[9..]));
                }
                else if (!line.StartsWith("REFUSED UserLimitExceeded", StringComparison.Ordinal))
                {
                    Assert.Fail($"Unexpected worker output: {line}");
                }
            }
        }

        // Recovery: a dispatcher an hour later, when every lease has lapsed.
        var recovery = new FakeClock(Instant.FromDateTimeUtc(DateTime.UtcNow) + Duration.FromHours(1));
        var services = new ServiceCollection();
        services.AddDbContext<InvitationKitDbContext>(o => database.Configure(o));
        services.AddInvitationKit(o => o.SecretKey = key).UseInMemoryPorts().UseEntityFrameworkCore<InvitationKitDbContext>().UseFakeClock(recovery);
        await using var provider = services.BuildServiceProvider();
        for (var run = 0; run < Kills; run++)
        {
            provider.GetRequiredService<InMemoryAccountDirectory>().Add(new AccountInfo($"crash{run}", "crash", UserLimit));
        }

        var recovered = 0;
        await using (var scope = provider.CreateAsyncScope())
        {
            var dispatcher = scope.ServiceProvider.GetRequiredService<IInvitationDispatcher>();
            DispatchReport report;
            do
            {
                report = await dispatcher.DispatchAsync(1000);
                recovered += report.Sent;
            }
            while (!report.IsEmpty);
        }

        await using var check = database.NewContext();
        var store = database.NewStore(check);
        var all = await check.Set<Model.InvitationEntity>().AsNoTracking().Where(i => i.AccountId.StartsWith("crash") && !i.AccountId.Contains("-warm-up")).ToListAsync();
        var byId = all.ToDictionary(i => i.Id);
        output.WriteLine($"{kind}: {Kills} kills, {invited.Count} acknowledged batches ({invited.Sum(b => b.Length)} invitations), {accepted.Count} acknowledged accepts, "
            + $"{all.Count} stored, {recovered} mailed by the recovering dispatcher");
        Assert.True(invited.Count >= Kills / 2, "Most workers should acknowledge something before they are killed.");

        // Every acknowledged invitation and acceptance is there.
        Assert.All(invited.SelectMany(b => b), id => Assert.True(byId.ContainsKey(id), $"Acknowledged invitation {id} is lost."));
        Assert.All(accepted, id => Assert.Equal((int)InvitationStatus.Accepted, byId[id].Status));

        // No batch is partial: each email says its batch and its size.
        foreach (var batch in all.GroupBy(i => i.Email[..i.Email.IndexOf("-", i.Email.IndexOf("-b", StringComparison.Ordinal) + 2, StringComparison.Ordinal)]))
        {
            var size = int.Parse(batch.First().Email.Split("of")[1].Split('@')[0], System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(size, batch.Count());
        }

        // The seat limit held in every account, and nothing is stuck: every pending invitation is sent (or failed for good).
        var now = recovery.GetCurrentInstant();
        for (var run = 0; run < Kills; run++)
        {
            Assert.InRange(await store.CountOccupiedSeatsAsync($"crash{run}", now, default), 0, UserLimit);
        }

        var stuck = all.Where(i => i.Status == (int)InvitationStatus.Pending && i.ExpiresAt > now.ToUnixTimeTicks()
            && (i.Delivery != (int)DeliveryState.Sent || i.NextDeliveryAt is not null) && !(i.Delivery == (int)DeliveryState.Failed && i.NextDeliveryAt is null)).ToArray();
        Assert.Empty(stuck);
    }
}
