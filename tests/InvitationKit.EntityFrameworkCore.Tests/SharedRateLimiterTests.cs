using System.Security.Cryptography;
using System.Text;
using InvitationKit.Limits;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InvitationKit.EntityFrameworkCore.Tests;

/// <summary>
/// The throttles counted in the database (<c>UseEntityFrameworkCoreRateLimiter</c>), on SQLite and PostgreSQL: the
/// in-process limiter's fixed windows on the kit's clock, counted once for every instance on the database, in a table
/// that keeps no partition in the clear and no window that has ended. The limit held in total by 4 OS processes is
/// <see cref="Processes.ProcessRaceTests"/>' shared-throttle test.
/// </summary>
public sealed class SharedRateLimiterTests
{
    private static readonly RateLimitRule Rule = new(5, Duration.FromMinutes(10));

    [Fact]
    public Task Windows_fill_refuse_and_renew_on_the_kit_clock_on_sqlite() => WindowsAsync(InvitationKitDatabase.Sqlite);

    [PostgresFact]
    public Task Windows_fill_refuse_and_renew_on_the_kit_clock_on_postgresql() => WindowsAsync(InvitationKitDatabase.PostgreSql);

    [Fact]
    public Task Two_instances_on_one_database_share_every_limit_on_sqlite() => TwoInstancesAsync(InvitationKitDatabase.Sqlite);

    [PostgresFact]
    public Task Two_instances_on_one_database_share_every_limit_on_postgresql() => TwoInstancesAsync(InvitationKitDatabase.PostgreSql);

    [Fact]
    public Task Racing_checks_never_grant_past_the_limit_on_sqlite() => RaceAsync(InvitationKitDatabase.Sqlite);

    [PostgresFact]
    public Task Racing_checks_never_grant_past_the_limit_on_postgresql() => RaceAsync(InvitationKitDatabase.PostgreSql);

    [Fact]
    public Task A_dump_holds_no_partition_and_no_ended_window_on_sqlite() => DumpAsync(InvitationKitDatabase.Sqlite);

    [PostgresFact]
    public Task A_dump_holds_no_partition_and_no_ended_window_on_postgresql() => DumpAsync(InvitationKitDatabase.PostgreSql);

    [Fact]
    public async Task The_manager_throttles_invites_through_the_database()
    {
        await using var database = await TestDatabase.CreateAsync(InvitationKitDatabase.Sqlite);
        var clock = new FakeClock(Instant.FromUtc(2026, 12, 1, 0, 0));
        await using var first = Instance(database, clock, new InvitationRateLimitOptions { InvitesPerActor = new RateLimitRule(3, Duration.FromHours(1)) });
        await using var second = Instance(database, clock, new InvitationRateLimitOptions { InvitesPerActor = new RateLimitRule(3, Duration.FromHours(1)) });
        first.GetRequiredService<InMemoryAccountDirectory>().Add(new AccountInfo("acme", "Acme"));
        second.GetRequiredService<InMemoryAccountDirectory>().Add(new AccountInfo("acme", "Acme"));

        Assert.True((await InviteAsync(first, "a@example.com", "b@example.com")).Succeeded);
        var refused = await InviteAsync(second, "c@example.com", "d@example.com"); // 4 > 3 in total
        Assert.Equal(InvitationErrorCode.RateLimited, refused.Errors.Single().Code);
        Assert.True((await InviteAsync(second, "c@example.com")).Succeeded);
        clock.Advance(Duration.FromHours(1));
        Assert.True((await InviteAsync(first, "d@example.com", "e@example.com", "f@example.com")).Succeeded);
    }

    private static async Task WindowsAsync(InvitationKitDatabase kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var clock = new FakeClock(Instant.FromUtc(2026, 12, 1, 0, 0));
        var limits = Limits(Rule);
        limits.ActivationsPerAddress = RateLimitRule.Off;
        await using var services = Instance(database, clock, limits);
        var limiter = services.GetRequiredService<IInvitationRateLimiter>();

        Assert.True((await limiter.AcquireAsync(RateLimitedOperation.InviteByActor, "owner", 3, default)).Acquired);
        clock.Advance(Duration.FromMinutes(4));
        Assert.True((await limiter.AcquireAsync(RateLimitedOperation.InviteByActor, "owner", 2, default)).Acquired);
        var refused = await limiter.AcquireAsync(RateLimitedOperation.InviteByActor, "owner", 1, default);
        Assert.Equal(new RateLimitDecision(false, Duration.FromMinutes(6)), refused); // the time left in the window, on the kit's clock

        // Other partitions and other rules have windows of their own; a rule that is off and zero permits touch nothing.
        Assert.True((await limiter.AcquireAsync(RateLimitedOperation.InviteByActor, "someone-else", 5, default)).Acquired);
        Assert.True((await limiter.AcquireAsync(RateLimitedOperation.Resend, "owner", 5, default)).Acquired);
        Assert.True((await limiter.AcquireAsync(RateLimitedOperation.ActivateByAddress, "owner", 1000, default)).Acquired);
        Assert.True((await limiter.AcquireAsync(RateLimitedOperation.InviteByActor, "owner", 0, default)).Acquired);

        // More than a window holds is refused without a retry time, and costs nothing.
        Assert.Equal(new RateLimitDecision(false), await limiter.AcquireAsync(RateLimitedOperation.Resend, "fresh", 6, default));
        Assert.True((await limiter.AcquireAsync(RateLimitedOperation.Resend, "fresh", 5, default)).Acquired);

        // The window ends 10 minutes after its first request: the next request starts a new one with the full limit.
        clock.Advance(Duration.FromMinutes(6));
        Assert.True((await limiter.AcquireAsync(RateLimitedOperation.InviteByActor, "owner", 5, default)).Acquired);
        Assert.False((await limiter.AcquireAsync(RateLimitedOperation.InviteByActor, "owner", 1, default)).Acquired);

        // The clock goes back (a host resets its fake clock): the count is kept, and the window lasts one length from now.
        clock.Reset(clock.GetCurrentInstant() - Duration.FromDays(1));
        Assert.Equal(new RateLimitDecision(false, Duration.FromMinutes(10)), await limiter.AcquireAsync(RateLimitedOperation.InviteByActor, "owner", 1, default));
    }

    private static async Task TwoInstancesAsync(InvitationKitDatabase kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var clock = new FakeClock(Instant.FromUtc(2026, 12, 1, 0, 0));
        await using var first = Instance(database, clock, Limits(Rule));
        await using var second = Instance(database, clock, Limits(Rule));
        var (a, b) = (first.GetRequiredService<IInvitationRateLimiter>(), second.GetRequiredService<IInvitationRateLimiter>());
        foreach (var operation in Enum.GetValues<RateLimitedOperation>())
        {
            Assert.True((await a.AcquireAsync(operation, "shared", 3, default)).Acquired);
            Assert.False((await b.AcquireAsync(operation, "shared", 3, default)).Acquired); // in process, each instance would grant it
            Assert.True((await b.AcquireAsync(operation, "shared", 2, default)).Acquired);
            Assert.False((await a.AcquireAsync(operation, "shared", 1, default)).Acquired);
        }
    }

    private static async Task RaceAsync(InvitationKitDatabase kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var clock = new FakeClock(Instant.FromUtc(2026, 12, 1, 0, 0));
        ServiceProvider[] instances = [Instance(database, clock, Limits(Rule)), Instance(database, clock, Limits(Rule))];
        try
        {
            var decisions = await Task.WhenAll(Enumerable.Range(0, 24).Select(i => Task.Run(async () =>
                await instances[i % 2].GetRequiredService<IInvitationRateLimiter>().AcquireAsync(RateLimitedOperation.InviteByAccount, "acme", 1, default))));
            Assert.Equal(Rule.PermitLimit, decisions.Count(d => d.Acquired));
        }
        finally
        {
            foreach (var instance in instances)
            {
                await instance.DisposeAsync();
            }
        }
    }

    private static async Task DumpAsync(InvitationKitDatabase kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var clock = new FakeClock(Instant.FromUtc(2026, 12, 1, 0, 0));
        await using var services = Instance(database, clock, Limits(Rule));
        var limiter = services.GetRequiredService<IInvitationRateLimiter>();
        for (var i = 0; i < 20; i++)
        {
            Assert.True((await limiter.AcquireAsync(RateLimitedOperation.ActivateByAddress, $"victim{i}@example.com", 1, default)).Acquired);
        }

        // The partition is a keyed hash: neither the address nor its plain SHA-256 is in the table.
        var victim = Encoding.UTF8.GetBytes("victim0@example.com");
        var hashes = await PartitionHashesAsync(database);
        Assert.Equal(20, hashes.Count);
        Assert.DoesNotContain(hashes, h => h.AsSpan().IndexOf(victim) >= 0 || h.SequenceEqual(SHA256.HashData(victim)));

        // A window later, the next check deletes the ended rows: the table holds the partitions active now, not all ever seen.
        clock.Advance(Rule.Window + Duration.FromMinutes(1));
        Assert.True((await limiter.AcquireAsync(RateLimitedOperation.ActivateByAddress, "new@example.com", 1, default)).Acquired);
        Assert.Single(await PartitionHashesAsync(database));
    }

    private static async Task<List<byte[]>> PartitionHashesAsync(TestDatabase database)
    {
        await using var context = database.NewContext();
        await using var connection = context.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT partition_hash FROM invitationkit_rate_limits";
        await using var reader = await command.ExecuteReaderAsync();
        var hashes = new List<byte[]>();
        while (await reader.ReadAsync())
        {
            hashes.Add((byte[])reader.GetValue(0));
        }

        return hashes;
    }

    private static InvitationRateLimitOptions Limits(RateLimitRule rule) => new()
    {
        InvitesPerActor = rule,
        InvitesPerAccount = rule,
        ResendsPerInvitation = rule,
        ActivationsPerAddress = rule,
        ActivationsPerPartition = rule,
        PreviewsAndRejectsPerPartition = rule,
        MailsPerRecipient = rule,
        JoinsPerUser = rule,
        ReceivedInvitationRequestsPerUser = rule,
        NewInvitationRequestsPerAddress = rule,
        NewInvitationRequestsPerPartition = rule,
    };

    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);

    /// <summary>One app instance: its own service provider, on the shared database and the test's clock.</summary>
    private static ServiceProvider Instance(TestDatabase database, FakeClock clock, InvitationRateLimitOptions limits)
    {
        var services = new ServiceCollection();
        services.AddDbContext<InvitationKitDbContext>(o => database.Configure(o));
        services.AddInvitationKit(o => (o.SecretKey, o.RateLimits) = (Key, limits))
            .UseInMemoryPorts()
            .UseFakeClock(clock)
            .UseEntityFrameworkCore<InvitationKitDbContext>()
            .UseEntityFrameworkCoreRateLimiter<InvitationKitDbContext>();
        return services.BuildServiceProvider();
    }

    private static async Task<InvitationResult<InviteOutcome>> InviteAsync(ServiceProvider services, params string[] emails)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IInvitationManager>()
            .InviteAsync(Actor.Admin("ops"), new InviteRequest("acme", "cloud", [.. emails.Select(e => new InviteRecipient(e, "VIEWER"))]));
    }
}
