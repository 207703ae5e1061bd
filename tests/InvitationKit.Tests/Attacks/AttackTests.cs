using InvitationKit.Testing.Conformance;
using InvitationKit.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace InvitationKit.Tests.Attacks;

/// <summary>
/// Every attack found against the previous main, replayed through the public API, each test named after the attack.
/// The suite runs once per store: a subclass supplies the store registration (in memory here; SQLite and PostgreSQL
/// in the EF Core test project), so what the store must hold is proven on every shipped store.
/// </summary>
public abstract partial class AttackTests : IAsyncLifetime
{
    /// <summary>A password the in-memory directory accepts.</summary>
    protected const string Password = "correct horse battery staple";

    private Action<IServiceCollection>? _store;

    /// <summary>Creates the store for one test and returns how to register it; null means the in-memory store.</summary>
    /// <returns>The registration, or null.</returns>
    protected virtual Task<Action<IServiceCollection>?> CreateStoreAsync() => Task.FromResult<Action<IServiceCollection>?>(null);

    /// <summary>Removes the test's store.</summary>
    /// <returns>A task that completes when it is gone.</returns>
    protected virtual Task DropStoreAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public async Task InitializeAsync() => _store = await CreateStoreAsync();

    /// <inheritdoc />
    public Task DisposeAsync() => DropStoreAsync();

    internal Task<TestKit> KitAsync(Action<InvitationKitOptions>? configure = null, Action<IServiceCollection>? services = null, bool seed = true) =>
        TestKit.CreateAsync(configure, services: s =>
        {
            _store?.Invoke(s);
            services?.Invoke(s);
        }, seed: seed);

    /// <summary>A registered user who joined acme with the given roles through an invitation.</summary>
    internal static async Task<Actor> MemberAsync(TestKit kit, string email, params string[] roles)
    {
        var user = kit.Users.AddUser(email);
        (await kit.Manager.InviteAsync(kit.Owner, new InviteRequest(TestKit.AccountId, TestKit.Product, [new InviteRecipient(email, roles)]))).ShouldSucceed();
        (await kit.AcceptAsync(email)).ShouldSucceed();
        return Actor.User(user.Id);
    }

    internal static ActivationRequest Activation(string email, string code, string? partition = null, string? secret = null) => new(email, code, Password, partition) { Secret = secret };

    internal static string Wrong(string otp) => otp == "000000" ? "111111" : "000000";

    /// <summary>The guess, unless it happens to be the real code.</summary>
    internal static string Other(string otp, string guess) => guess == otp ? Wrong(otp) : guess;
}

/// <summary>The attacks on the in-memory store.</summary>
public sealed class InMemoryAttackTests : AttackTests;
