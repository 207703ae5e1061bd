using System.Security.Cryptography;
using InvitationKit.Limits;
using InvitationKit.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;

namespace InvitationKit.Tests.Faults;

/// <summary>
/// One account (limit 4) with its owner, a registered user, and every port wrapped so the injector can fail its calls.
/// The store is the test's: in memory, or a real database.
/// </summary>
public sealed class FaultWorld : IAsyncDisposable
{
    public const string Account = "acme";
    public const int Limit = 4;
    private readonly ServiceProvider _provider;
    private readonly List<AsyncServiceScope> _scopes = [];

    private FaultWorld(ServiceProvider provider, FaultInjector injector)
    {
        _provider = provider;
        Injector = injector;
    }

    public FaultInjector Injector { get; }

    public FakeClock Clock => _provider.GetRequiredService<FakeClock>();

    public InMemoryUserDirectory Users => _provider.GetRequiredService<InMemoryUserDirectory>();

    public CapturingMailer Mailer => _provider.GetRequiredService<CapturingMailer>();

    /// <summary>The kit's options (the OTP failure budget's limits).</summary>
    public InvitationKitOptions Options => _provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<InvitationKitOptions>>().Value;

    /// <summary>Users that existed before the operation (the owner, Bob): the others were created by invitations.</summary>
    public HashSet<string> SeededUsers { get; } = new(StringComparer.Ordinal);

    /// <param name="addStore">Registers the real store (every role) the faults wrap.</param>
    public static async Task<FaultWorld> CreateAsync(Action<IServiceCollection> addStore)
    {
        var injector = new FaultInjector();
        IServiceCollection services = new ServiceCollection();
        services.AddLogging();
        var products = new InMemoryProductCatalog();
        products.Add(new Ports.ProductInfo("cloud", "Cloud"));
        services.AddSingleton<IProductCatalog>(FaultProxy<IProductCatalog>.Wrap(products, injector));
        services.AddSingleton<IUserDirectory>(sp => FaultProxy<IUserDirectory>.Wrap(sp.GetRequiredService<InMemoryUserDirectory>(), injector));
        services.AddSingleton<IAccountDirectory>(sp => FaultProxy<IAccountDirectory>.Wrap(sp.GetRequiredService<InMemoryAccountDirectory>(), injector));
        services.AddSingleton<IInvitationMailer>(sp => FaultProxy<IInvitationMailer>.Wrap(sp.GetRequiredService<CapturingMailer>(), injector));
        services.AddInvitationKit(o =>
            {
                o.SecretKey = RandomNumberGenerator.GetBytes(32);
                o.RateLimits = InvitationRateLimitOptions.Unlimited();
                o.ResendCooldown = Duration.Zero;
            })
            .UseInMemoryPorts()
            .UseFakeClock(new FakeClock(Instant.FromUtc(2026, 3, 1, 9, 0)));
        addStore(services);
        Intercept<IInvitationStore>(services, injector);
        Intercept<IMemberStore>(services, injector);
        Intercept<IOtpBudgetStore>(services, injector);
        Intercept<IInvitationOutbox>(services, injector);
        Intercept<IInvitationMaintenanceStore>(services, injector);
        var world = new FaultWorld(services.BuildServiceProvider(), injector);

        world._provider.GetRequiredService<InMemoryAccountDirectory>().Add(new Ports.AccountInfo(Account, "Acme", Limit));
        world.SeededUsers.Add(world.Users.AddUser("owner@acme.example", id: "owner", password: "owner-password").Id);
        world.SeededUsers.Add(world.Users.AddUser("bob@example.com", id: "bob", password: "bob-password").Id);
        (await world.Kit().AddFoundingOwnerAsync(Account, "owner")).ShouldSucceed();
        return world;
    }

    /// <summary>The manager of a new request (its own scope).</summary>
    public IInvitationManager Kit() => Scope().GetRequiredService<IInvitationManager>();

    public IInvitationDispatcher Dispatcher() => Scope().GetRequiredService<IInvitationDispatcher>();

    /// <summary>The store of a new request, for the checks (call it with the injector disarmed).</summary>
    public InvitationStoreSet Store() => Scope().GetRequiredService<InvitationStoreSet>();

    public async ValueTask DisposeAsync()
    {
        foreach (var scope in _scopes)
        {
            await scope.DisposeAsync();
        }

        await _provider.DisposeAsync();
    }

    private IServiceProvider Scope()
    {
        var scope = _provider.CreateAsyncScope();
        _scopes.Add(scope);
        return scope.ServiceProvider;
    }

    /// <summary>
    /// Wraps a store role in a fault proxy. Each role is wrapped on its own, so the combined operations run as their
    /// separate calls, each of which the matrix fails in turn.
    /// </summary>
    private static void Intercept<T>(IServiceCollection services, FaultInjector injector)
        where T : class
    {
        var role = services.Last(d => d.ServiceType == typeof(T));
        services.Remove(role);
        services.Add(new ServiceDescriptor(typeof(T), sp => FaultProxy<T>.Wrap((T)Build(sp, role), injector), role.Lifetime));
    }

    private static object Build(IServiceProvider services, ServiceDescriptor descriptor) =>
        descriptor.ImplementationInstance
        ?? descriptor.ImplementationFactory?.Invoke(services)
        ?? ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!);
}
