using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace InvitationKit.Tests.Infrastructure;

/// <summary>
/// A manager over fresh in-memory ports (or a store the caller registers), a fake clock, and an account "acme" owned
/// by "owner".
/// </summary>
internal sealed class TestKit : IAsyncDisposable
{
    public const string AccountId = "acme";
    public const string Product = "cloud";
    public const string SingleAccountProduct = "studio";
    public const string LatestOnlyProduct = "copilot";

    private readonly ServiceProvider _provider;

    /// <summary>The root services, for tests that need one (a meter factory, say).</summary>
    public IServiceProvider Services => _provider;
    private readonly AsyncServiceScope _scope;
    private readonly List<AsyncServiceScope> _otherScopes = [];

    private TestKit(ServiceProvider provider)
    {
        _provider = provider;
        _scope = provider.CreateAsyncScope();
        Manager = _scope.ServiceProvider.GetRequiredService<IInvitationManager>();
    }

    public IInvitationManager Manager { get; }

    /// <summary>The outbox dispatcher of the kit's scope.</summary>
    public IInvitationDispatcher Dispatcher => _scope.ServiceProvider.GetRequiredService<IInvitationDispatcher>();

    /// <summary>The outbox dispatcher of another scope, as another app instance has.</summary>
    public IInvitationDispatcher OtherDispatcher()
    {
        var scope = _provider.CreateAsyncScope();
        _otherScopes.Add(scope);
        return scope.ServiceProvider.GetRequiredService<IInvitationDispatcher>();
    }

    public FakeClock Clock => _provider.GetRequiredService<FakeClock>();

    public InMemoryInvitationStore Store => _provider.GetRequiredService<InMemoryInvitationStore>();

    /// <summary>The store the manager really uses (the in-memory one unless the caller registered another).</summary>
    public InvitationStoreSet Port => _scope.ServiceProvider.GetRequiredService<InvitationStoreSet>();

    public InMemoryUserDirectory Users => _provider.GetRequiredService<InMemoryUserDirectory>();

    public InMemoryAccountDirectory Accounts => _provider.GetRequiredService<InMemoryAccountDirectory>();

    public CapturingMailer Mailer => _provider.GetRequiredService<CapturingMailer>();

    public CapturingNoticeMailer Notices => _provider.GetRequiredService<CapturingNoticeMailer>();

    public InvitationKitOptions Options => _provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<InvitationKitOptions>>().Value;

    public RecordingEventSink Events => _provider.GetRequiredService<RecordingEventSink>();

    public CapturingLoggerProvider Logs => _provider.GetRequiredService<CapturingLoggerProvider>();

    public Actor Owner { get; } = Actor.User("owner");

    public static async Task<TestKit> CreateAsync(
        Action<InvitationKitOptions>? configure = null,
        int? userLimit = null,
        Action<IServiceCollection>? services = null,
        bool seed = true,
        Action<IServiceCollection>? after = null)
    {
        var collection = new ServiceCollection();
        var events = new RecordingEventSink();
        var products = new InMemoryProductCatalog();
        products.Add(new ProductInfo(Product, "Conversational Cloud"));
        products.Add(new ProductInfo(SingleAccountProduct, "Aimylogic", MultiAccountMode.SingleAccount));
        products.Add(new ProductInfo(LatestOnlyProduct, "Jay Copilot", MultiAccountMode.LatestAccountOnly));
        var logs = new CapturingLoggerProvider();
        collection.AddSingleton(logs);
        collection.AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        collection.AddSingleton(events);
        collection.AddSingleton<IInvitationEventSink>(events);
        collection.AddSingleton<IActiveAccountObserver>(events);
        collection.AddSingleton<IProductCatalog>(products);
        services?.Invoke(collection);
        collection.AddInvitationKit(o =>
            {
                o.SecretKey = RandomNumberGenerator.GetBytes(32);
                o.RateLimits = InvitationRateLimitOptions.Unlimited(); // the throttles have tests of their own
                o.ResendCooldown = Duration.Zero;
                configure?.Invoke(o);
            })
            .UseInMemoryPorts()
            .UseFakeClock(new FakeClock(Instant.FromUtc(2026, 1, 1, 0, 0)));
        after?.Invoke(collection); // replaces what the kit registered (a clock, say)
        var kit = new TestKit(collection.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true }));
        if (!seed)
        {
            return kit;
        }

        kit.Accounts.Add(new AccountInfo(AccountId, "Acme", userLimit));
        kit.Users.AddUser("owner@acme.example", id: "owner");
        (await kit.Manager.AddFoundingOwnerAsync(AccountId, "owner")).Value.ShouldBeOwner();
        return kit;
    }

    /// <summary>A registered user.</summary>
    public DirectoryUser User(string email) => Users.AddUser(email);

    /// <summary>A member of acme with the given roles.</summary>
    public DirectoryUser Member(string email, params string[] roles)
    {
        var user = Users.AddUser(email);
        Store.SeedMember(new Member(AccountId, user.Id, roles, IsOwner: false, Clock.GetCurrentInstant(), null));
        return user;
    }

    public Task<InvitationResult<InviteOutcome>> InviteAsync(params string[] emails) =>
        InviteAsync(Owner, InviteMode.Auto, emails);

    public Task<InvitationResult<InviteOutcome>> InviteAsync(Actor actor, InviteMode mode, params string[] emails) =>
        Manager.InviteAsync(actor, new InviteRequest(AccountId, Product, emails.Select(e => new InviteRecipient(e, "VIEWER")).ToArray(), mode));

    /// <summary>Invites one address and returns its invitation id.</summary>
    public async Task<Guid> InviteOneAsync(string email, string product = Product)
    {
        var result = await Manager.InviteAsync(Owner, new InviteRequest(AccountId, product, [new InviteRecipient(email, "VIEWER")]));
        Assert.True(result.Succeeded, result.ToString());
        return result.Value.Invitations[0].Id;
    }

    public string SecretFor(string email) => Mailer.LastTo(email).Secret;

    public string OtpFor(string email) => Mailer.LastTo(email).OneTimePassword ?? throw new InvalidOperationException("No OTP mailed.");

    /// <summary>
    /// Accepts as the directory's user for the address, signed in with a verified email; a user still pending activation
    /// is first enabled, as if they had registered through the host since they were invited.
    /// </summary>
    public Task<InvitationResult<Member>> AcceptAsync(string email)
    {
        var user = Users.Users.Single(u => u.Email is not null && EmailAddress.Parse(u.Email).Key == EmailAddress.Parse(email).Key);
        if (user.State == UserState.PendingActivation)
        {
            Users.SetState(user.Id, UserState.Enabled);
        }

        return Manager.AcceptAsync(SecretFor(email), new SignedInIdentity(user.Id, email, "password", EmailVerified: true));
    }

    public Invitation Stored(Guid id) => Store.Invitations.Single(i => i.Id == id);

    /// <summary>The manager of another request (its own scope, so its own store context), as a concurrent caller has.</summary>
    public IInvitationManager OtherRequest()
    {
        var scope = _provider.CreateAsyncScope();
        _otherScopes.Add(scope);
        return scope.ServiceProvider.GetRequiredService<IInvitationManager>();
    }

    /// <summary>The invitation as the store the manager uses holds it.</summary>
    public async Task<Invitation> StoredAsync(Guid id) => await Port.Invitations.FindByIdAsync(id, default) ?? throw new InvalidOperationException($"No invitation {id}.");

    /// <summary>A second account with its own owner (another tenant).</summary>
    public async Task<Actor> TenantAsync(string accountId, int? userLimit = null)
    {
        Accounts.Add(new AccountInfo(accountId, accountId, userLimit));
        var owner = Users.AddUser($"owner@{accountId}.example");
        (await Manager.AddFoundingOwnerAsync(accountId, owner.Id)).ShouldSucceed();
        return Actor.User(owner.Id);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var scope in _otherScopes)
        {
            await scope.DisposeAsync();
        }

        await _scope.DisposeAsync();
        await _provider.DisposeAsync();
    }
}

internal static class ResultAssertions
{
    public static void ShouldBeOwner(this Member member) => Assert.True(member.IsOwner);

    /// <summary>Asserts the result failed with exactly these codes (in any order) and returns the errors.</summary>
    public static IReadOnlyList<InvitationError> ShouldFailWith<T>(this InvitationResult<T> result, params InvitationErrorCode[] codes)
    {
        Assert.False(result.Succeeded, "Expected a failure but the operation succeeded.");
        Assert.Equal(codes.OrderBy(c => c), result.Errors.Select(e => e.Code).OrderBy(c => c));
        foreach (var error in result.Errors)
        {
            Assert.False(string.IsNullOrWhiteSpace(error.Message));
            Assert.NotEmpty(error.Remedies);
        }

        return result.Errors;
    }

    public static T ShouldSucceed<T>(this InvitationResult<T> result)
    {
        Assert.True(result.Succeeded, result.ToString());
        return result.Value;
    }
}
