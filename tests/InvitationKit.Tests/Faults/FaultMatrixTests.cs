using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Xunit.Abstractions;

namespace InvitationKit.Tests.Faults;

/// <summary>
/// The fault matrix: every operation, with each of its port calls in turn failed before the call, failed after it (a
/// lost reply) or cancelled. After each fault, with the faults off: only the injected exception or a cancellation
/// escaped; a failure the operation reported left nothing behind unless the reply itself was lost; a retry of what is
/// not stored succeeds, and a repeat of what is stored answers success again where that is promised; then the
/// dispatcher and an expiry sweep recover, and the seat limit holds, the batch is whole or absent, every pending
/// invitation holds a working mailed link, no user is enabled without a membership, no user pending activation is left
/// without a live invitation (it would block the host's sign-up), and the OTP failure budget of the address that
/// activates (with the right code) is whole, unless the release itself failed.
/// </summary>
public abstract class FaultMatrixTests(ITestOutputHelper output)
{
    public static TheoryData<string> Scenarios { get; } = new(FaultScenario.All.Select(s => s.Name));

    /// <summary>A fresh database for one world, and how to register the store on it.</summary>
    protected abstract Task<(Action<IServiceCollection> AddStore, IAsyncDisposable? Database)> NewDatabaseAsync();

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Every_fault_at_every_port_call_keeps_every_invariant(string name)
    {
        var scenario = FaultScenario.All.Single(s => s.Name == name);
        var calls = await CountCallsAsync(scenario);
        Assert.True(calls > 0, $"{name} makes no port call");
        var violations = new List<string>();
        foreach (var mode in Enum.GetValues<FaultMode>())
        {
            for (var k = 1; k <= calls; k++)
            {
                violations.AddRange(await RunAsync(scenario, k, mode));
            }
        }

        output.WriteLine($"{name}: {calls} port calls × {Enum.GetValues<FaultMode>().Length} modes, {violations.Count} violations");
        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
    }

    private async Task<int> CountCallsAsync(FaultScenario scenario)
    {
        var (world, database) = await NewWorldAsync();
        await using var _ = database;
        await using var __ = world;
        var prepared = await scenario.Arrange(world);
        world.Injector.Count();
        Assert.True(await scenario.Act(world, prepared), $"{scenario.Name} fails without faults");
        return world.Injector.Calls;
    }

    private async Task<List<string>> RunAsync(FaultScenario scenario, int k, FaultMode mode)
    {
        var (world, database) = await NewWorldAsync();
        await using var _ = database;
        await using var __ = world;
        var prepared = await scenario.Arrange(world);
        var violations = new List<string>();
        void Violation(string what) => violations.Add($"{scenario.Name}, call {k} ({world.Injector.Failed ?? "none"}) {mode}: {what}");

        world.Injector.Arm(k, mode);
        bool? succeeded = null;
        try
        {
            succeeded = await scenario.Act(world, prepared);
        }
        catch (Exception e) when (e is InjectedFault or OperationCanceledException)
        {
        }
        catch (Exception e)
        {
            Violation($"{e.GetType().Name} escaped: {e.Message}");
        }

        world.Injector.Disarm();
        if (scenario.Partial is not null && await scenario.Partial(world))
        {
            Violation("its batch is partly stored");
        }

        var stored = await scenario.EffectStored(world, prepared);
        if (succeeded == true && !stored)
        {
            Violation("acknowledged, but not stored");
        }

        if (succeeded != true && stored && mode != FaultMode.ThrowAfter)
        {
            Violation("reported a failure, but its change is stored");
        }

        // A retry of what is not stored must work (nothing is stuck); a repeat of what is stored answers success again.
        if (scenario.RetriedAtOnce && (!stored || scenario.RepeatSucceeds))
        {
            try
            {
                if (!await scenario.Act(world, prepared) && (!stored || scenario.RepeatSucceeds))
                {
                    Violation(stored ? "a repeat after a lost reply did not answer success" : "a retry after the fault did not succeed");
                }
            }
            catch (Exception e)
            {
                Violation($"the retry threw {e.GetType().Name}: {e.Message}");
            }
        }

        await RecoverAsync(world);
        // A release that itself failed leaves one failure too many, by design (logged); every other fault spends nothing.
        var releaseFailed = world.Injector.Failed == $"{nameof(IOtpBudgetStore)}.{nameof(IOtpBudgetStore.ReleaseOtpAttemptAsync)}" && mode != FaultMode.ThrowAfter;
        violations.AddRange((await InvariantsAsync(world, checkBudget: !releaseFailed)).Select(v => $"{scenario.Name}, call {k} ({world.Injector.Failed}) {mode}: {v}"));
        return violations;
    }

    /// <summary>What the background service does over the next hours: the dispatcher's runs, then an expiry sweep.</summary>
    private static async Task RecoverAsync(FaultWorld world)
    {
        for (var round = 0; round < 8; round++)
        {
            world.Clock.Advance(Duration.FromHours(2));
            await world.Dispatcher().DispatchAsync();
        }

        await world.Kit().ExpireOverdueAsync();
    }

    private static async Task<List<string>> InvariantsAsync(FaultWorld world, bool checkBudget)
    {
        var problems = new List<string>();
        if (checkBudget && await LifetimeAttemptsLeftAsync(world, FaultScenario.NewUser) is var left && left != world.Options.MaxOtpFailuresPerAddress)
        {
            problems.Add($"{FaultScenario.NewUser}'s OTP budget lost {world.Options.MaxOtpFailuresPerAddress - left} attempt(s), though every code entered was right");
        }

        var store = world.Store();
        var now = world.Clock.GetCurrentInstant();
        var occupied = await store.Members.CountOccupiedSeatsAsync(FaultWorld.Account, now, default);
        if (occupied > FaultWorld.Limit)
        {
            problems.Add($"{occupied} seats occupied over the limit of {FaultWorld.Limit}");
        }

        var page = await store.Invitations.ListAsync(new InvitationQuery(FaultWorld.Account, InvitationStatus.Pending, Limit: 100), now, default);
        foreach (var pending in page.Items)
        {
            var mail = world.Mailer.Sent.LastOrDefault(m => m.InvitationId == pending.Id);
            if (pending.Delivery != DeliveryState.Sent || mail is null || !(await world.Kit().PreviewAsync(mail.Secret)).Succeeded)
            {
                problems.Add($"pending invitation to {pending.Email} holds no working mailed link after recovery (delivery {pending.Delivery})");
            }
        }

        foreach (var user in world.Users.Users.Where(u => u.State == Ports.UserState.Enabled && !world.SeededUsers.Contains(u.Id)))
        {
            if (await store.Members.FindMemberAsync(FaultWorld.Account, user.Id, default) is null)
            {
                problems.Add($"user {user.Id} is enabled without a membership");
            }
        }

        // Invited users never block sign-up: after the sweep, a user pending activation is one a live invitation names.
        foreach (var user in world.Users.Users.Where(u => u.State == Ports.UserState.PendingActivation))
        {
            var live = await store.Invitations.FindPendingByEmailAsync(EmailAddress.Parse(user.Email!).Key, null, default);
            if (!live.Any(i => InvitationStatusMachine.EffectiveStatus(i, now) == InvitationStatus.Pending))
            {
                problems.Add($"user {user.Id} is pending activation, but no live invitation names {user.Email}: it blocks sign-up");
            }
        }

        return problems;
    }

    /// <summary>
    /// How many attempts the address's lifetime budget still grants (each a new attempt; reserving them spends them, so
    /// this is the last check). Every scenario enters only right codes: a failure must leave the whole budget.
    /// </summary>
    private static async Task<int> LifetimeAttemptsLeftAsync(FaultWorld world, string email)
    {
        var lifetime = world.Options.MaxOtpFailuresPerAddress;
        var budget = new OtpFailureBudget(PerWindow: lifetime + 1, world.Options.OtpFailureWindow, lifetime);
        var store = world.Store().OtpBudget;
        var left = 0;
        for (var i = 0; i <= lifetime; i++)
        {
            var attempt = new SecretHash(System.Security.Cryptography.RandomNumberGenerator.GetBytes(SecretHash.Size));
            left += (await store.TryReserveOtpAttemptAsync(email, attempt, budget, world.Clock.GetCurrentInstant(), default)).Reserved ? 1 : 0;
        }

        return left;
    }

    private async Task<(FaultWorld World, IAsyncDisposable Database)> NewWorldAsync()
    {
        var (addStore, database) = await NewDatabaseAsync();
        return (await FaultWorld.CreateAsync(addStore), database ?? new Nothing());
    }

    private sealed class Nothing : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

/// <summary>The fault matrix on the in-memory store.</summary>
public sealed class InMemoryFaultMatrixTests(ITestOutputHelper output) : FaultMatrixTests(output)
{
    protected override Task<(Action<IServiceCollection> AddStore, IAsyncDisposable? Database)> NewDatabaseAsync() =>
        Task.FromResult<(Action<IServiceCollection>, IAsyncDisposable?)>((_ => { }, null));
}
