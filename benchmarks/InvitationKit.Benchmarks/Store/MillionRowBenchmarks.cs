using System.Diagnostics;
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using InvitationKit.EntityFrameworkCore;
using InvitationKit.Limits;
using InvitationKit.Ports;
using InvitationKit.Shared;
using InvitationKit.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace InvitationKit.Benchmarks.Store;

/// <summary>
/// What must stay flat as an account grows to 1 000 000 invitations, on PostgreSQL: a list page with its total, a search
/// by the start of the address with its total, the seat usage, the expiry sweep's read of overdue invitations and the
/// dispatcher's read and claim of due mail — the kit (pooled context, through the public API and ports, a DI scope per
/// operation) against <see cref="MillionRowFloor"/>, the same work in hand-written ADO.NET (the baseline of its category),
/// at 10 and at 1 000 000 invitations. Both sizes hold the same overdue (1) and due (1) invitations and the same page
/// (10 rows) and search match (1), so only the account's size differs. Seeding 1 000 000 rows takes tens of seconds, so
/// the class runs in-process when no job is named and seeds each size once per run (the time is printed).
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
[InvocationCount(Operations)]
[Config(typeof(InProcessByDefault))]
public class MillionRowBenchmarks
{
    private const int Operations = 64;
    private const int PageSize = 10;
    private const string Prefix = "u5@"; // u5@example.com alone, at every size
    private static readonly Actor Owner = Actor.User("owner");
    private static readonly Instant T0 = Instant.FromUtc(2026, 1, 1, 0, 0);
    private static readonly Instant Now = T0 + Duration.FromDays(1);
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);
    private static readonly Dictionary<int, Seeded> BySize = [];

    private Seeded _seeded = null!;

    public static IEnumerable<InvitationKitDatabase> Databases => BenchmarkDatabase.Available.Where(d => d == InvitationKitDatabase.PostgreSql);

    [ParamsSource(nameof(Databases))]
    public InvitationKitDatabase Database { get; set; }

    /// <summary>10 and 1 000 000; a smoke run (<c>--job dry</c>, as CI runs every benchmark) only 10, to stay in seconds.</summary>
    public static IEnumerable<int> Sizes => Environment.GetCommandLineArgs().Contains("dry", StringComparer.OrdinalIgnoreCase) ? [10] : [10, 1_000_000];

    [ParamsSource(nameof(Sizes))]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        if (!BySize.TryGetValue(Rows, out var seeded))
        {
            seeded = Seeded.CreateAsync(Rows).GetAwaiter().GetResult();
            BySize[Rows] = seeded;
            AppDomain.CurrentDomain.ProcessExit += (_, _) => seeded.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        _seeded = seeded;
    }

    [BenchmarkCategory("list page + total"), Benchmark(Baseline = true, Description = "floor: list page of 10 + total")]
    public Task<long> FloorListPage() => _seeded.Floor.ListPageAsync(PageSize);

    [BenchmarkCategory("list page + total"), Benchmark(Description = "kit, pooled: list page of 10 + total")]
    public async Task<int?> KitListPage()
    {
        await using var scope = _seeded.Kit.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<IInvitationManager>().ListAsync(Owner, new InvitationQuery("acme", Limit: PageSize))).Value.TotalCount;
    }

    [BenchmarkCategory("search + total"), Benchmark(Baseline = true, Description = "floor: search + total")]
    public Task<long> FloorSearch() => _seeded.Floor.SearchAsync(Prefix, PageSize);

    [BenchmarkCategory("search + total"), Benchmark(Description = "kit, pooled: search + total")]
    public async Task<int?> KitSearch()
    {
        await using var scope = _seeded.Kit.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<IInvitationManager>().ListAsync(Owner, new InvitationQuery("acme", Limit: PageSize, EmailPrefix: Prefix))).Value.TotalCount;
    }

    [BenchmarkCategory("seat usage"), Benchmark(Baseline = true, Description = "floor: seat usage")]
    public Task<long> FloorSeats() => _seeded.StoreFloor.SeatsAsync(Now.ToUnixTimeTicks());

    [BenchmarkCategory("seat usage"), Benchmark(Description = "kit, pooled: seat usage")]
    public async Task<int> KitSeats()
    {
        await using var scope = _seeded.Kit.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<IInvitationManager>().GetSeatUsageAsync(Owner, "acme")).Value.Occupied;
    }

    [BenchmarkCategory("expiry sweep: overdue"), Benchmark(Baseline = true, Description = "floor: sweep's read of overdue")]
    public Task<int> FloorOverdue() => _seeded.Floor.OverdueAsync(Now.ToUnixTimeTicks(), 100);

    [BenchmarkCategory("expiry sweep: overdue"), Benchmark(Description = "kit, pooled: sweep's read of overdue")]
    public async Task<int> KitOverdue()
    {
        await using var scope = _seeded.Kit.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<IInvitationMaintenanceStore>().FindOverdueAsync(Now, 100, default)).Count;
    }

    [BenchmarkCategory("dispatcher: due + claim"), Benchmark(Baseline = true, Description = "floor: read due mail + claim")]
    public Task<int> FloorClaim() => _seeded.Floor.ClaimDueAsync(Now.ToUnixTimeTicks(), 100);

    [BenchmarkCategory("dispatcher: due + claim"), Benchmark(Description = "kit, pooled: read due mail + claim")]
    public async Task<int> KitClaim()
    {
        await using var scope = _seeded.Kit.CreateAsyncScope();
        var outbox = scope.ServiceProvider.GetRequiredService<IInvitationOutbox>();
        return (await outbox.ClaimForDeliveryAsync(await outbox.FindDueForDeliveryAsync(Now, 100, default), default)).Count; // the same lease again: repeatable
    }

    /// <summary>
    /// In-process unless the command line names a job (then that job runs as usual, seeding once per benchmark), so a
    /// full run seeds each size once.
    /// </summary>
    internal sealed class InProcessByDefault : ManualConfig
    {
        public InProcessByDefault() => AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).AsDefault());
    }

    /// <summary>A seeded database of one size, with the kit (pooled context) and the floors over it.</summary>
    private sealed class Seeded : IAsyncDisposable
    {
        private Seeded(BenchmarkDatabase database, ServiceProvider kit)
        {
            (Database, Kit, Floor, StoreFloor) = (database, kit, new MillionRowFloor(database), new StoreFloor(database, Key));
        }

        public BenchmarkDatabase Database { get; }

        public ServiceProvider Kit { get; }

        public MillionRowFloor Floor { get; }

        public StoreFloor StoreFloor { get; }

        public static async Task<Seeded> CreateAsync(int rows)
        {
            var database = await BenchmarkDatabase.CreateAsync(InvitationKitDatabase.PostgreSql);
            var services = new ServiceCollection();
            services.AddPooledDbContextFactory<InvitationKitDbContext>(o => database.Configure(o));
            services.AddInvitationKit(o => (o.SecretKey, o.RateLimits, o.DefaultUserLimit) = (Key, InvitationRateLimitOptions.Unlimited(), 10_000_000))
                .UseInMemoryPorts()
                .UseEntityFrameworkCore<InvitationKitDbContext>()
                .UseFakeClock(new NodaTime.Testing.FakeClock(Now));
            var seeded = new Seeded(database, services.BuildServiceProvider());
            seeded.Kit.GetRequiredService<InMemoryAccountDirectory>().Add(new AccountInfo("acme", "Acme"));
            seeded.Kit.GetRequiredService<InMemoryUserDirectory>().AddUser("owner@acme.example", id: "owner");
            await using (var scope = seeded.Kit.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<IInvitationManager>().AddFoundingOwnerAsync("acme", "owner");
            }

            await seeded.StoreFloor.InviteAsync(["template@example.com"], T0.ToUnixTimeTicks());
            Guid template;
            await using (var context = database.NewContext())
            {
                template = await context.Database.SqlQueryRaw<Guid>("SELECT id AS \"Value\" FROM invitationkit_invitations WHERE email = 'template@example.com'").SingleAsync();
            }

            var seeding = Stopwatch.StartNew();
            await MillionRowSeed.SeedAsync(database.ConnectionString, template, "acme", rows, T0.ToUnixTimeTicks(), Now.ToUnixTimeTicks(), overdueUpTo: 5, dueUpTo: 10);
            Console.WriteLine($"// MillionRowBenchmarks: seeded {rows} invitations (INSERT … SELECT FROM generate_series, then VACUUM ANALYZE) in {seeding.Elapsed.TotalSeconds:F1} s");
            return seeded;
        }

        public async ValueTask DisposeAsync()
        {
            await Kit.DisposeAsync();
            await Database.DisposeAsync();
        }
    }
}
