using InvitationKit.Ports;
using NodaTime;
using Xunit;

namespace InvitationKit.Testing.Conformance;

/// <summary>The <see cref="IOtpBudgetStore"/> role: security state that must hold across instances and restarts.</summary>
public abstract partial class InvitationStoreConformanceTests
{
    private static readonly OtpFailureBudget Budget = new(PerWindow: 3, Window: Duration.FromHours(24), Lifetime: 5);

    /// <summary>A window grants its attempts, then refuses with the time left; the next window grants again.</summary>
    [StoreFact]
    public async Task The_otp_budget_refuses_past_the_window_and_renews_after_it()
    {
        for (var i = 0; i < Budget.PerWindow; i++)
        {
            Assert.True((await OtpBudget.TryReserveOtpAttemptAsync("v@example.com", Budget, T0 + Duration.FromMinutes(i), default).ConfigureAwait(false)).Reserved);
        }

        var refused = await OtpBudget.TryReserveOtpAttemptAsync("v@example.com", Budget, T0 + Duration.FromHours(1), default).ConfigureAwait(false);
        Assert.False(refused.Reserved);
        Assert.Equal(Duration.FromHours(23), refused.RetryAfter);
        Assert.True((await OtpBudget.TryReserveOtpAttemptAsync("other@example.com", Budget, T0, default).ConfigureAwait(false)).Reserved);
        Assert.True((await OtpBudget.TryReserveOtpAttemptAsync("v@example.com", Budget, T0 + Duration.FromHours(24), default).ConfigureAwait(false)).Reserved);
    }

    /// <summary>The lifetime total caps every window and is never renewed; a refusal says no time to wait.</summary>
    [StoreFact]
    public async Task The_otp_budget_lifetime_cap_is_never_renewed()
    {
        var granted = 0;
        for (var day = 0; day < 10; day++)
        {
            for (var i = 0; i < Budget.PerWindow; i++)
            {
                granted += (await OtpBudget.TryReserveOtpAttemptAsync("v@example.com", Budget, T0 + Duration.FromDays(day) + Duration.FromSeconds(i), default).ConfigureAwait(false)).Reserved ? 1 : 0;
            }
        }

        Assert.Equal(Budget.Lifetime, granted);
        var refused = await OtpBudget.TryReserveOtpAttemptAsync("v@example.com", Budget, T0 + Duration.FromDays(400), default).ConfigureAwait(false);
        Assert.False(refused.Reserved);
        Assert.Null(refused.RetryAfter);
    }

    /// <summary>A released attempt is returned to the window and the lifetime; releasing an unknown key does nothing.</summary>
    [StoreFact]
    public async Task A_released_otp_attempt_is_returned()
    {
        await OtpBudget.ReleaseOtpAttemptAsync("nobody@example.com", default).ConfigureAwait(false);
        for (var i = 0; i < 20; i++)
        {
            Assert.True((await OtpBudget.TryReserveOtpAttemptAsync("v@example.com", Budget, T0, default).ConfigureAwait(false)).Reserved);
            await OtpBudget.ReleaseOtpAttemptAsync("v@example.com", default).ConfigureAwait(false);
        }

        Assert.True((await OtpBudget.TryReserveOtpAttemptAsync("v@example.com", Budget, T0, default).ConfigureAwait(false)).Reserved);
    }

    /// <summary>Reservations survive a new store instance (a restart) and are shared with other instances.</summary>
    [StoreFact]
    public async Task The_otp_budget_is_shared_by_every_store_instance()
    {
        var stores = await OpenManyAsync().ConfigureAwait(false);
        foreach (var store in stores.Take(Budget.PerWindow))
        {
            Assert.True((await store.OtpBudget.TryReserveOtpAttemptAsync("v@example.com", Budget, T0, default).ConfigureAwait(false)).Reserved);
        }

        var restarted = (await OpenAsync().ConfigureAwait(false)).Stores;
        Assert.False((await restarted.OtpBudget.TryReserveOtpAttemptAsync("v@example.com", Budget, T0, default).ConfigureAwait(false)).Reserved);
    }

    /// <summary>However many reservations race on separate instances, no more than the window allows are granted.</summary>
    [StoreFact]
    public async Task Racing_otp_reservations_never_exceed_the_budget()
    {
        var stores = await OpenManyAsync().ConfigureAwait(false);
        var results = await RaceAsync(stores, (store, _) => Enumerable.Range(0, 4).Select(_ => store.OtpBudget.TryReserveOtpAttemptAsync("v@example.com", Budget, T0, default))).ConfigureAwait(false);
        Assert.Equal(Budget.PerWindow, results.Count(r => r.Reserved));
    }
}
