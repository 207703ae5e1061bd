using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using InvitationKit.Delivery;
using InvitationKit.EntityFrameworkCore;
using InvitationKit.Ports;
using InvitationKit.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace InvitationKit.Benchmarks.Store;

/// <summary>
/// Draining 1 000 due mails (after a mail server's outage, say) through the kit's dispatcher on a real database, against
/// <see cref="DispatchFloor"/>, the same work in hand-written ADO.NET (the baseline), on SQLite and PostgreSQL. The mailer
/// is in memory, so what is measured is the store's part and the secrets: both issue and hash a secret and a code per
/// mail. Each invocation drains all of them; the iteration's setup makes them due again.
/// </summary>
[MemoryDiagnoser]
[InvocationCount(1)]
public class DispatchBenchmarks
{
    private const int Mails = 1000;
    private static readonly Instant Now = Instant.FromUtc(2026, 1, 2, 0, 0);
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);

    private BenchmarkDatabase _database = null!;
    private ServiceProvider _kit = null!;
    private DispatchFloor _floor = null!;
    private readonly List<(Guid Id, string Email, string Secret, string Code)> _floorMailbox = [];

    public static IEnumerable<InvitationKitDatabase> Databases => BenchmarkDatabase.Available;

    [ParamsSource(nameof(Databases))]
    public InvitationKitDatabase Database { get; set; }

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup()
    {
        _kit.Dispose();
        _database.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    /// <summary>Every pending invitation's mail is due again, after one failed attempt.</summary>
    [IterationSetup]
    public void MakeDue()
    {
        _floorMailbox.Clear();
        _kit.GetRequiredService<CapturingMailer>().Clear();
        _database.ExecuteAsync($"UPDATE invitationkit_invitations SET delivery = 2, delivery_attempts = 1, next_delivery_at = {Now.ToUnixTimeTicks()} WHERE status = 0").GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, Description = "floor: drain 1 000 due mails")]
    public Task<int> Floor() => _floor.DrainAsync(Now.ToUnixTimeTicks(), (Now + Duration.FromMinutes(2)).ToUnixTimeTicks(), Mails, _floorMailbox);

    [Benchmark(Description = "kit, pooled: drain 1 000 due mails")]
    public async Task<int> Kit()
    {
        await using var scope = _kit.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<IInvitationDispatcher>().DispatchAsync(Mails)).Sent;
    }

    private async Task SetupAsync()
    {
        _database = await BenchmarkDatabase.CreateAsync(Database);
        _floor = new DispatchFloor(_database, Key);
        var services = new ServiceCollection();
        services.AddPooledDbContextFactory<InvitationKitDbContext>(o => _database.Configure(o));
        services.AddInvitationKit(o => (o.SecretKey, o.RateLimits, o.DefaultUserLimit) = (Key, InvitationRateLimitOptions.Unlimited(), 10_000))
            .UseInMemoryPorts()
            .UseEntityFrameworkCore<InvitationKitDbContext>()
            .UseFakeClock(new NodaTime.Testing.FakeClock(Now));
        _kit = services.BuildServiceProvider();
        _kit.GetRequiredService<InMemoryAccountDirectory>().Add(new AccountInfo("acme", "Acme"));
        await using var scope = _kit.CreateAsyncScope();
        var kit = scope.ServiceProvider.GetRequiredService<IInvitationManager>();
        await kit.AddFoundingOwnerAsync("acme", "owner");
        foreach (var batch in Enumerable.Range(0, Mails).Chunk(20))
        {
            var invited = await kit.InviteAsync(Actor.User("owner"), new InviteRequest("acme", "cloud", [.. batch.Select(i => new InviteRecipient($"due-{i}@example.com", "VIEWER"))]));
            if (!invited.Succeeded)
            {
                throw new InvalidOperationException($"Seeding failed: {invited.Errors[0].Message}");
            }
        }
    }
}
