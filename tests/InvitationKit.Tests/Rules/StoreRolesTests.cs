using System.Security.Cryptography;
using InvitationKit.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace InvitationKit.Tests.Rules;

/// <summary>The store's roles: which implementation the kit uses for each, and when it uses a store's combined operations.</summary>
public sealed class StoreRolesTests
{
    private static readonly OtpFailureBudget Budget = new(PerWindow: 1, Window: Duration.FromHours(1), Lifetime: 10);

    [Fact]
    public void A_store_in_every_role_with_the_capability_serves_the_combined_operations_itself()
    {
        var store = new CombinedStore(new InMemoryInvitationStore());
        Assert.Same(store, InvitationStoreSet.Of(store).Combined);
    }

    [Fact]
    public void Without_the_capability_or_with_roles_backed_apart_the_kit_makes_two_calls()
    {
        var plain = new InMemoryInvitationStore();
        Assert.IsNotType<InMemoryInvitationStore>(InvitationStoreSet.Of(plain).Combined);

        // A decorator of one role only (the OTP budget elsewhere) must not reach the store's combined operations, which
        // would reserve in the store's budget instead of the one the host chose.
        var store = new CombinedStore(plain);
        var apart = new InvitationStoreSet(store, store, new InMemoryInvitationStore(), store, store);
        Assert.NotSame(store, apart.Combined);
    }

    [Fact]
    public void UseStore_registers_one_scoped_instance_in_every_role()
    {
        var services = new ServiceCollection();
        services.AddInvitationKit(o => o.SecretKey = RandomNumberGenerator.GetBytes(32)).UseInMemoryPorts().UseStore<CombinedStore>();
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        using var scope = provider.CreateScope();
        var resolve = scope.ServiceProvider;
        var store = resolve.GetRequiredService<CombinedStore>();
        object[] roles =
        [
            resolve.GetRequiredService<IInvitationStore>(), resolve.GetRequiredService<IMemberStore>(), resolve.GetRequiredService<IOtpBudgetStore>(),
            resolve.GetRequiredService<IInvitationOutbox>(), resolve.GetRequiredService<IInvitationMaintenanceStore>(), resolve.GetRequiredService<InvitationStoreSet>().Combined,
        ];
        Assert.All(roles, role => Assert.Same(store, role));
        using var other = provider.CreateScope();
        Assert.NotSame(store, other.ServiceProvider.GetRequiredService<IInvitationStore>());
    }

    [Fact]
    public async Task A_store_without_email_domains_leaves_no_other_stores_domains_behind_and_says_how_to_add_them()
    {
        var services = new ServiceCollection();
        services.AddInvitationKit(o => o.SecretKey = RandomNumberGenerator.GetBytes(32)).UseInMemoryPorts().UseStore<CombinedStore>();
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        await using var scope = provider.CreateAsyncScope();
        Assert.Null(scope.ServiceProvider.GetService<IEmailDomainStore>()); // joins never write to the in-memory store beside another one
        scope.ServiceProvider.GetRequiredService<InMemoryAccountDirectory>().Add(new AccountInfo("acme", "Acme"));
        var manager = scope.ServiceProvider.GetRequiredService<IInvitationManager>();
        var admin = Actor.Admin("platform-admin");
        Assert.Empty((await manager.GetEmailDomainsAsync(admin, "acme")).ShouldSucceed().Domains);
        var missing = await Assert.ThrowsAsync<InvalidOperationException>(() => manager.SetEmailDomainsAsync(admin, "acme", [new("acme.example", EmailDomainKind.Allowed)]));
        Assert.Contains("IEmailDomainStore", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_otp_budget_backed_separately_is_the_one_activation_spends()
    {
        var separate = new InMemoryInvitationStore();
        await using var kit = await TestKit.CreateAsync(
            o => o.MaxOtpAttempts = 1,
            services: s => s.AddInvitationKit().UseInMemoryPorts().Services.AddSingleton<IOtpBudgetStore>(separate));
        await kit.InviteOneAsync("nina@example.com");

        (await kit.Manager.ActivateAsync(new ActivationRequest("nina@example.com", "000000", "a-Long-passw0rd"))).ShouldFailWith(InvitationErrorCode.OtpInvalid);

        var now = kit.Clock.GetCurrentInstant();
        var another = new SecretHash(Enumerable.Repeat((byte)7, SecretHash.Size).ToArray()); // not the attempt made above
        Assert.False((await separate.TryReserveOtpAttemptAsync("nina@example.com", another, Budget, now, default)).Reserved);
        Assert.True((await kit.Store.TryReserveOtpAttemptAsync("nina@example.com", another, Budget, now, default)).Reserved);
    }

    /// <summary>A store in every role (the faulty store, faults off) that also offers the combined operations, as the kit's two calls.</summary>
    private sealed class CombinedStore(InMemoryInvitationStore inner) : FaultyStore(inner), ICombinedStoreOperations
    {
        private readonly ICombinedStoreOperations _twoCalls = InvitationStoreSet.Of(inner).Combined;

        public Task<MemberRead<int>> FindMemberAndCountOccupiedSeatsAsync(string accountId, string userId, Instant now, CancellationToken cancellationToken) =>
            _twoCalls.FindMemberAndCountOccupiedSeatsAsync(accountId, userId, now, cancellationToken);

        public Task<MemberRead<Page<Invitation>?>> FindMemberAndListAsync(string userId, InvitationQuery query, Instant now, CancellationToken cancellationToken) =>
            _twoCalls.FindMemberAndListAsync(userId, query, now, cancellationToken);

        public Task<MemberRead<IReadOnlyList<EmailDomain>>> FindMemberAndEmailDomainsAsync(string accountId, string userId, CancellationToken cancellationToken) =>
            _twoCalls.FindMemberAndEmailDomainsAsync(accountId, userId, cancellationToken);

        public Task<OtpReservationRead> TryReserveOtpAttemptAndFindPendingAsync(string emailKey, SecretHash attempt, OtpFailureBudget budget, Instant now, CancellationToken cancellationToken) =>
            _twoCalls.TryReserveOtpAttemptAndFindPendingAsync(emailKey, attempt, budget, now, cancellationToken);

        public Task<AcceptanceResult> AcceptAndReleaseOtpAttemptAsync(Acceptance acceptance, string emailKey, SecretHash attempt, CancellationToken cancellationToken) =>
            _twoCalls.AcceptAndReleaseOtpAttemptAsync(acceptance, emailKey, attempt, cancellationToken);
    }
}
