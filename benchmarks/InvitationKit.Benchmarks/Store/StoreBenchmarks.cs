using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using InvitationKit.EntityFrameworkCore;
using InvitationKit.Limits;
using InvitationKit.Ports;
using InvitationKit.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace InvitationKit.Benchmarks.Store;

/// <summary>
/// The kit's store paths through the public API on a real database — a 20-recipient invite, an accept, a list page and
/// the seat usage — each against <see cref="StoreFloor"/>, the same work in hand-written ADO.NET (the baseline of its
/// category), on SQLite and PostgreSQL, for an account holding 10, 1 000 and 100 000 members and as many invitations.
/// Each invocation is a request of its own (a DI scope); the directory, accounts and mailer are in memory. The kit runs
/// twice: with its context registered by <c>AddDbContext</c> (built per request) and by <c>AddPooledDbContextFactory</c>.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
[InvocationCount(Operations)]
public class StoreBenchmarks
{
    private const int Operations = 64;
    private static readonly Actor Owner = Actor.User("owner");
    private static readonly Instant T0 = Instant.FromUtc(2026, 1, 1, 0, 0);
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);

    private BenchmarkDatabase _database = null!;
    private ServiceProvider _kit = null!;
    private ServiceProvider _pooled = null!;
    private StoreFloor _floor = null!;
    private InviteRequest[] _invites = [];
    private string[][] _floorInvites = [];
    private string[] _secrets = [];
    private byte[][] _floorSecrets = [];
    private int _next;
    private int _generation;

    public static IEnumerable<InvitationKitDatabase> Databases => BenchmarkDatabase.Available;

    [ParamsSource(nameof(Databases))]
    public InvitationKitDatabase Database { get; set; }

    [Params(10, 1_000, 100_000)]
    public int Rows { get; set; }

    private static long Now => (T0 + Duration.FromDays(1)).ToUnixTimeTicks();

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup()
    {
        _kit.Dispose();
        _pooled.Dispose();
        _database.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [IterationSetup(Targets = [nameof(KitInvite20), nameof(PooledInvite20), nameof(FloorInvite20)])]
    public void SetupInvites()
    {
        _next = 0;
        var generation = ++_generation;
        _invites = [.. Enumerable.Range(0, Operations).Select(b => new InviteRequest("acme", "cloud", [.. Enumerable.Range(0, 20).Select(i => new InviteRecipient($"new-{generation}-{b}-{i}@example.com", "VIEWER"))]))];
        _floorInvites = [.. Enumerable.Range(0, Operations).Select(b => Enumerable.Range(0, 20).Select(i => $"new-{generation}-{b}-{i}@example.com").ToArray())];
    }

    [IterationCleanup(Targets = [nameof(KitInvite20), nameof(PooledInvite20), nameof(FloorInvite20)])]
    public void CleanupInvites() => _database.ExecuteAsync("DELETE FROM invitationkit_invitations WHERE email LIKE 'new-%'").GetAwaiter().GetResult();

    [IterationSetup(Targets = [nameof(KitAccept), nameof(PooledAccept), nameof(FloorAccept)])]
    public void SetupAccepts() => SetupAcceptsAsync().GetAwaiter().GetResult();

    [IterationCleanup(Targets = [nameof(KitAccept), nameof(PooledAccept), nameof(FloorAccept)])]
    public void CleanupAccepts()
    {
        _database.ExecuteAsync("DELETE FROM invitationkit_members WHERE user_id LIKE 'acc-%'").GetAwaiter().GetResult();
        _database.ExecuteAsync("DELETE FROM invitationkit_invitations WHERE email LIKE 'acc-%'").GetAwaiter().GetResult();
    }

    [BenchmarkCategory("invite 20"), Benchmark(Baseline = true, Description = "floor: invite 20")]
    public Task FloorInvite20() => _floor.InviteAsync(_floorInvites[_next++], Now);

    [BenchmarkCategory("invite 20"), Benchmark(Description = "kit: invite 20")]
    public Task<bool> KitInvite20() => Invite20Async(_kit);

    [BenchmarkCategory("invite 20"), Benchmark(Description = "kit, pooled: invite 20")]
    public Task<bool> PooledInvite20() => Invite20Async(_pooled);

    [BenchmarkCategory("accept"), Benchmark(Baseline = true, Description = "floor: accept")]
    public Task FloorAccept() => _floor.AcceptAsync(_floorSecrets[_next++], Now);

    [BenchmarkCategory("accept"), Benchmark(Description = "kit: accept")]
    public Task<bool> KitAccept() => AcceptAsync(_kit);

    [BenchmarkCategory("accept"), Benchmark(Description = "kit, pooled: accept")]
    public Task<bool> PooledAccept() => AcceptAsync(_pooled);

    [BenchmarkCategory("list page"), Benchmark(Baseline = true, Description = "floor: list page of 50")]
    public Task<int> FloorListPage() => _floor.ListPageAsync(50);

    [BenchmarkCategory("list page"), Benchmark(Description = "kit: list page of 50")]
    public Task<int> KitListPage() => ListPageAsync(_kit);

    [BenchmarkCategory("list page"), Benchmark(Description = "kit, pooled: list page of 50")]
    public Task<int> PooledListPage() => ListPageAsync(_pooled);

    [BenchmarkCategory("seat usage"), Benchmark(Baseline = true, Description = "floor: seat usage")]
    public Task<long> FloorSeats() => _floor.SeatsAsync(Now);

    [BenchmarkCategory("seat usage"), Benchmark(Description = "kit: seat usage")]
    public Task<int> KitSeats() => SeatsAsync(_kit);

    [BenchmarkCategory("seat usage"), Benchmark(Description = "kit, pooled: seat usage")]
    public Task<int> PooledSeats() => SeatsAsync(_pooled);

    private async Task<bool> Invite20Async(ServiceProvider kit)
    {
        await using var scope = kit.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<IInvitationManager>().InviteAsync(Owner, _invites[_next++])).Succeeded;
    }

    private async Task<bool> AcceptAsync(ServiceProvider kit)
    {
        var i = _next++;
        await using var scope = kit.CreateAsyncScope();
        var identity = new SignedInIdentity($"acc-{_generation}-{i}", $"acc-{_generation}-{i}@example.com", "Local", EmailVerified: true);
        return (await scope.ServiceProvider.GetRequiredService<IInvitationManager>().AcceptAsync(_secrets[i], identity)).Succeeded;
    }

    private static async Task<int> ListPageAsync(ServiceProvider kit)
    {
        await using var scope = kit.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<IInvitationManager>().ListAsync(Owner, new InvitationQuery("acme", Limit: 50, IncludeTotal: false))).Value.Items.Count;
    }

    private static async Task<int> SeatsAsync(ServiceProvider kit)
    {
        await using var scope = kit.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<IInvitationManager>().GetSeatUsageAsync(Owner, "acme")).Value.Occupied;
    }

    private async Task SetupAsync()
    {
        _database = await BenchmarkDatabase.CreateAsync(Database);
        _floor = new StoreFloor(_database, Key);
        _kit = Kit(services => services.AddDbContext<InvitationKitDbContext>(o => _database.Configure(o)));
        _pooled = Kit(services => services.AddPooledDbContextFactory<InvitationKitDbContext>(o => _database.Configure(o)));
        _kit.GetRequiredService<InMemoryAccountDirectory>().Add(new AccountInfo("acme", "Acme"));
        _kit.GetRequiredService<InMemoryUserDirectory>().AddUser("owner@acme.example", id: "owner");
        await using (var scope = _kit.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IInvitationManager>().AddFoundingOwnerAsync("acme", "owner");
        }

        await SeedAsync();
    }

    /// <summary>
    /// The kit with its context registered by <paramref name="registerContext"/>; the in-memory directories and mailer
    /// are the first kit's, so both kits see the same users and mail.
    /// </summary>
    private ServiceProvider Kit(Action<IServiceCollection> registerContext)
    {
        var services = new ServiceCollection();
        if (_kit is not null)
        {
            services.AddSingleton(_kit.GetRequiredService<InMemoryAccountDirectory>())
                .AddSingleton(_kit.GetRequiredService<InMemoryUserDirectory>())
                .AddSingleton(_kit.GetRequiredService<CapturingMailer>());
        }

        registerContext(services);
        services.AddInvitationKit(o => (o.SecretKey, o.RateLimits, o.DefaultUserLimit) = (Key, InvitationRateLimitOptions.Unlimited(), 10_000_000))
            .UseInMemoryPorts()
            .UseEntityFrameworkCore<InvitationKitDbContext>()
            .UseFakeClock(new NodaTime.Testing.FakeClock(T0 + Duration.FromDays(1)));
        return services.BuildServiceProvider();
    }

    /// <summary>The account's members and invitations (five statuses), then the databases' statistics.</summary>
    private async Task SeedAsync()
    {
        var sqlite = Database == InvitationKitDatabase.Sqlite;
        await _floor.InviteAsync(["template@example.com"], T0.ToUnixTimeTicks());
        await using var context = _database.NewContext();
        var columns = context.Model.GetEntityTypes().Single(t => t.GetTableName() == "invitationkit_invitations").GetProperties().Select(p => p.GetColumnName()).ToArray();
        var generated = new Dictionary<string, string>
        {
            ["id"] = sqlite ? "printf('%08X-0000-4000-8000-%012X', n.x, n.x)" : "md5(n.x::text)::uuid",
            ["email"] = sqlite ? "'seed-' || n.x || '@example.com'" : "'seed-' || n.x::text || '@example.com'",
            ["email_key"] = sqlite ? "'seed-' || n.x || '@example.com'" : "'seed-' || n.x::text || '@example.com'",
            ["secret_hash"] = sqlite ? "randomblob(32)" : "decode(md5(n.x::text) || md5('s' || n.x::text), 'hex')",
            ["status"] = "n.x % 5",
            ["created_at"] = sqlite ? $"{T0.ToUnixTimeTicks()} + n.x * 10000000" : $"{T0.ToUnixTimeTicks()} + n.x::bigint * 10000000",
        };
        var numbers = sqlite ? $"WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < {Rows}) " : string.Empty;
        var source = sqlite ? "n" : $"generate_series(1, {Rows}) AS n(x)";
        var select = string.Join(", ", columns.Select(c => generated.TryGetValue(c, out var expression) ? expression : $"t.{c}"));
        await _database.ExecuteAsync($"{numbers}INSERT INTO invitationkit_invitations ({string.Join(", ", columns)}) SELECT {select} FROM {source}, invitationkit_invitations t WHERE t.email = 'template@example.com'");
        await _database.ExecuteAsync("DELETE FROM invitationkit_invitations WHERE email = 'template@example.com'");
        await _database.ExecuteAsync($"{numbers}INSERT INTO invitationkit_members (account_id, user_id, roles, is_owner, joined_at, invitation_id) "
            + $"SELECT 'acme', 'member-' || n.x{(sqlite ? string.Empty : "::text")}, '[\"VIEWER\"]', {(sqlite ? "0" : "false")}, {T0.ToUnixTimeTicks()}, NULL FROM {source}");
        await _database.ExecuteAsync(sqlite ? "ANALYZE" : "VACUUM ANALYZE");
    }

    private async Task SetupAcceptsAsync()
    {
        _next = 0;
        var generation = ++_generation;
        var users = _kit.GetRequiredService<InMemoryUserDirectory>();
        var mailer = _kit.GetRequiredService<CapturingMailer>();
        var emails = Enumerable.Range(0, Operations).Select(i => $"acc-{generation}-{i}@example.com").ToArray();
        foreach (var (email, i) in emails.Select((e, i) => (e, i)))
        {
            users.AddUser(email, id: $"acc-{generation}-{i}");
        }

        foreach (var chunk in emails.Chunk(20))
        {
            await using var scope = _kit.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IInvitationManager>().InviteAsync(Owner, new InviteRequest("acme", "cloud", [.. chunk.Select(e => new InviteRecipient(e, "VIEWER"))]));
        }

        _secrets = [.. emails.Select(e => mailer.LastTo(e).Secret)];
        var floorEmails = Enumerable.Range(0, Operations).Select(i => $"acc-floor-{generation}-{i}@example.com").ToArray();
        _floorSecrets = [.. (await Task.WhenAll(floorEmails.Chunk(20).Select((chunk, c) => _floor.InviteAsync(chunk, Now, $"acc-floor-{generation}-{c}-")))).SelectMany(h => h)];
    }
}
