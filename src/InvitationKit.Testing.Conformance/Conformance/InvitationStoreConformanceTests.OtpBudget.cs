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
            Assert.True((await ReserveAsync("v@example.com", i, T0 + Duration.FromMinutes(i)).ConfigureAwait(false)).Reserved);
        }

        var refused = await ReserveAsync("v@example.com", 100, T0 + Duration.FromHours(1)).ConfigureAwait(false);
        Assert.False(refused.Reserved);
        Assert.Equal(Duration.FromHours(23), refused.RetryAfter);
        Assert.True((await ReserveAsync("other@example.com", 0, T0).ConfigureAwait(false)).Reserved);
        Assert.True((await ReserveAsync("v@example.com", 101, T0 + Duration.FromHours(24)).ConfigureAwait(false)).Reserved);
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
                granted += (await ReserveAsync("v@example.com", (day * 10) + i, T0 + Duration.FromDays(day) + Duration.FromSeconds(i)).ConfigureAwait(false)).Reserved ? 1 : 0;
            }
        }

        Assert.Equal(Budget.Lifetime, granted);
        var refused = await ReserveAsync("v@example.com", 999, T0 + Duration.FromDays(400)).ConfigureAwait(false);
        Assert.False(refused.Reserved);
        Assert.Null(refused.RetryAfter);
    }

    /// <summary>A released attempt is returned to the window and the lifetime; releasing an unknown key does nothing.</summary>
    [StoreFact]
    public async Task A_released_otp_attempt_is_returned()
    {
        await OtpBudget.ReleaseOtpAttemptAsync("nobody@example.com", Attempt(0), default).ConfigureAwait(false);
        for (var i = 0; i < 20; i++)
        {
            Assert.True((await ReserveAsync("v@example.com", i, T0).ConfigureAwait(false)).Reserved);
            await OtpBudget.ReleaseOtpAttemptAsync("v@example.com", Attempt(i), default).ConfigureAwait(false);
        }

        Assert.True((await ReserveAsync("v@example.com", 100, T0).ConfigureAwait(false)).Reserved);
    }

    /// <summary>Reservations survive a new store instance (a restart) and are shared with other instances.</summary>
    [StoreFact]
    public async Task The_otp_budget_is_shared_by_every_store_instance()
    {
        var stores = await OpenManyAsync().ConfigureAwait(false);
        var n = 0;
        foreach (var store in stores.Take(Budget.PerWindow))
        {
            Assert.True((await store.OtpBudget.TryReserveOtpAttemptAsync("v@example.com", Attempt(n++), Budget, T0, default).ConfigureAwait(false)).Reserved);
        }

        var restarted = (await OpenAsync().ConfigureAwait(false)).Stores;
        Assert.False((await restarted.OtpBudget.TryReserveOtpAttemptAsync("v@example.com", Attempt(100), Budget, T0, default).ConfigureAwait(false)).Reserved);
    }

    /// <summary>However many different attempts race on separate instances, no more than the window allows are granted.</summary>
    [StoreFact]
    public async Task Racing_otp_reservations_never_exceed_the_budget()
    {
        var stores = await OpenManyAsync().ConfigureAwait(false);
        var results = await RaceAsync(stores, (store, worker) => Enumerable.Range(0, 4).Select(i => store.OtpBudget.TryReserveOtpAttemptAsync("v@example.com", Attempt((worker * 10) + i), Budget, T0, default))).ConfigureAwait(false);
        Assert.Equal(Budget.PerWindow, results.Count(r => r.Reserved));
    }

    /// <summary>
    /// The same attempt reserved again (the retry after a lost reply, on this instance or another) is granted and counted
    /// once; any other attempt is counted.
    /// </summary>
    [StoreFact]
    public async Task The_same_otp_attempt_reserved_twice_is_counted_once()
    {
        var other = (await OpenAsync().ConfigureAwait(false)).Stores;
        Assert.True((await ReserveAsync("v@example.com", 1, T0).ConfigureAwait(false)).Reserved);
        Assert.True((await ReserveAsync("v@example.com", 1, T0 + Duration.FromSeconds(1)).ConfigureAwait(false)).Reserved);
        Assert.True((await other.OtpBudget.TryReserveOtpAttemptAsync("v@example.com", Attempt(1), Budget, T0 + Duration.FromSeconds(2), default).ConfigureAwait(false)).Reserved);
        await AssertAttemptsLeftAsync("v@example.com", Budget.PerWindow - 1).ConfigureAwait(false);
    }

    /// <summary>Copies of one attempt racing on separate instances are all granted and counted once.</summary>
    [StoreFact]
    public async Task Racing_copies_of_one_otp_attempt_are_counted_once()
    {
        var stores = await OpenManyAsync().ConfigureAwait(false);
        var results = await RaceAsync(stores, (store, _) => Enumerable.Range(0, 2).Select(_ => store.OtpBudget.TryReserveOtpAttemptAsync("v@example.com", Attempt(1), Budget, T0, default))).ConfigureAwait(false);
        Assert.All(results, r => Assert.True(r.Reserved));
        await AssertAttemptsLeftAsync("v@example.com", Budget.PerWindow - 1).ConfigureAwait(false);
    }

    /// <summary>Releasing the same attempt twice returns it once; once released, it is counted again when reserved.</summary>
    [StoreFact]
    public async Task Releasing_the_same_otp_attempt_twice_returns_it_once()
    {
        Assert.True((await ReserveAsync("v@example.com", 1, T0).ConfigureAwait(false)).Reserved);
        Assert.True((await ReserveAsync("v@example.com", 2, T0).ConfigureAwait(false)).Reserved);
        await OtpBudget.ReleaseOtpAttemptAsync("v@example.com", Attempt(2), default).ConfigureAwait(false);
        await OtpBudget.ReleaseOtpAttemptAsync("v@example.com", Attempt(2), default).ConfigureAwait(false);
        await AssertAttemptsLeftAsync("v@example.com", Budget.PerWindow - 1).ConfigureAwait(false);
    }

    /// <summary>A released attempt reserved again is a new attempt: counted.</summary>
    [StoreFact]
    public async Task A_released_otp_attempt_reserved_again_is_counted()
    {
        Assert.True((await ReserveAsync("v@example.com", 1, T0).ConfigureAwait(false)).Reserved);
        await OtpBudget.ReleaseOtpAttemptAsync("v@example.com", Attempt(1), default).ConfigureAwait(false);
        Assert.True((await ReserveAsync("v@example.com", 1, T0).ConfigureAwait(false)).Reserved);
        await AssertAttemptsLeftAsync("v@example.com", Budget.PerWindow - 1).ConfigureAwait(false);
    }

    /// <summary>
    /// A release naming an attempt that is not the address's last reserved one returns nothing (one failure too many,
    /// never too few), nor does a release of an attempt never reserved.
    /// </summary>
    [StoreFact]
    public async Task Releasing_another_otp_attempt_returns_nothing()
    {
        Assert.True((await ReserveAsync("v@example.com", 1, T0).ConfigureAwait(false)).Reserved);
        Assert.True((await ReserveAsync("v@example.com", 2, T0).ConfigureAwait(false)).Reserved);
        await OtpBudget.ReleaseOtpAttemptAsync("v@example.com", Attempt(1), default).ConfigureAwait(false);
        await OtpBudget.ReleaseOtpAttemptAsync("v@example.com", Attempt(3), default).ConfigureAwait(false);
        await AssertAttemptsLeftAsync("v@example.com", Budget.PerWindow - 2).ConfigureAwait(false);
    }

    /// <summary>
    /// The sweep's purge: a count whose window started before the given instant is deleted, and the address starts
    /// afresh; a count whose window started at or after it stays with its window and total, and so does a count at the
    /// lifetime cap (locked out for good), however old.
    /// </summary>
    [StoreFact]
    public async Task Lapsed_otp_failure_counts_are_deleted_but_running_windows_and_lockouts_stay()
    {
        var cutoff = T0 + Duration.FromHours(36);
        Assert.True((await ReserveAsync("sprayed@example.com", 1, T0).ConfigureAwait(false)).Reserved);
        Assert.True((await ReserveAsync("twice@example.com", 1, T0).ConfigureAwait(false)).Reserved);
        Assert.True((await ReserveAsync("twice@example.com", 2, T0 + Duration.FromHours(30)).ConfigureAwait(false)).Reserved);
        Assert.True((await ReserveAsync("recent@example.com", 1, cutoff).ConfigureAwait(false)).Reserved);
        for (var i = 0; i < Budget.Lifetime; i++)
        {
            Assert.True((await ReserveAsync("locked@example.com", i, T0 + Duration.FromDays(i / Budget.PerWindow)).ConfigureAwait(false)).Reserved);
        }

        Assert.Equal(2, await OtpBudget.DeleteLapsedOtpFailuresAsync(Budget, cutoff, default).ConfigureAwait(false));
        Assert.Equal(0, await OtpBudget.DeleteLapsedOtpFailuresAsync(Budget, cutoff, default).ConfigureAwait(false));

        var later = cutoff + Duration.FromHours(1);
        Assert.Equal(Budget.PerWindow, await GrantedAsync("sprayed@example.com", later).ConfigureAwait(false));
        Assert.Equal(Budget.PerWindow, await GrantedAsync("twice@example.com", later).ConfigureAwait(false));
        Assert.Equal(Budget.PerWindow - 1, await GrantedAsync("recent@example.com", later).ConfigureAwait(false));
        Assert.Equal(3, await OtpBudget.DeleteLapsedOtpFailuresAsync(Budget, T0 + Duration.FromDays(400), default).ConfigureAwait(false));
        var locked = await ReserveAsync("locked@example.com", 999, T0 + Duration.FromDays(400)).ConfigureAwait(false);
        Assert.False(locked.Reserved);
        Assert.Null(locked.RetryAfter);
    }

    /// <summary>Names an attempt (as the kit's keyed hash of an address and a code would).</summary>
    private static SecretHash Attempt(int n) => Hash(0x0A77_E397_0000 + n);

    private Task<OtpAttemptReservation> ReserveAsync(string emailKey, int attempt, Instant now) =>
        OtpBudget.TryReserveOtpAttemptAsync(emailKey, Attempt(attempt), Budget, now, default);

    /// <summary>How many new attempts, one more than a window allows, are granted at <paramref name="at"/>.</summary>
    private async Task<int> GrantedAsync(string emailKey, Instant at)
    {
        var granted = 0;
        for (var i = 0; i <= Budget.PerWindow; i++)
        {
            granted += (await ReserveAsync(emailKey, 700 + i, at).ConfigureAwait(false)).Reserved ? 1 : 0;
        }

        return granted;
    }

    /// <summary>Asserts that exactly <paramref name="left"/> new attempts are granted in the window at <see cref="T0"/>.</summary>
    private async Task AssertAttemptsLeftAsync(string emailKey, int left)
    {
        var granted = 0;
        for (var i = 0; i <= Budget.PerWindow; i++)
        {
            granted += (await ReserveAsync(emailKey, 500 + i, T0 + Duration.FromMinutes(1)).ConfigureAwait(false)).Reserved ? 1 : 0;
        }

        Assert.Equal(left, granted);
    }
}
