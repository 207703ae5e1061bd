using InvitationKit.Testing.Conformance;
using InvitationKit.Tests.Infrastructure;

namespace InvitationKit.Tests.Attacks;

/// <summary>
/// Issue 24, finding 8: any anonymous activation attempt wrote a failure-budget row for any address, invited or not,
/// and 300 of 300 such rows were still there 400 days later, after the sweep.
/// </summary>
public abstract partial class AttackTests
{
    [StoreFact]
    public async Task Spraying_addresses_never_invited_writes_no_budget_rows_and_the_sweep_deletes_lapsed_ones()
    {
        await using var kit = await KitAsync();
        await kit.InviteOneAsync("nina@example.com");
        (await kit.Manager.ActivateAsync(Activation("nina@example.com", Wrong(kit.OtpFor("nina@example.com"))))).ShouldFailWith(InvitationErrorCode.OtpInvalid);
        for (var i = 0; i < 300; i++)
        {
            (await kit.Manager.ActivateAsync(Activation($"sprayed-{i}@example.com", "123456"))).ShouldFailWith(InvitationErrorCode.OtpInvalid);
        }

        // Issue 26: guesses at an address without a live code are counted nowhere (before, 300 rows were written).
        Assert.Equal(1, await OtpFailureCountsAsync(kit.Store));

        // While a window runs, or a code a counted guess could have matched still lives, the sweep keeps the row.
        kit.Clock.Advance(Duration.FromHours(47));
        (await kit.Manager.ExpireOverdueAsync()).ShouldSucceed();
        Assert.Equal(1, await OtpFailureCountsAsync(kit.Store));

        kit.Clock.Advance(Duration.FromDays(400));
        (await kit.Manager.ExpireOverdueAsync()).ShouldSucceed();
        Assert.Equal(0, await OtpFailureCountsAsync(kit.Store));
    }

    [StoreFact]
    public async Task The_sweep_never_lifts_a_window_lockout_nor_a_lockout_for_good()
    {
        await using var kit = await KitAsync(o => (o.MaxOtpAttempts, o.MaxOtpFailuresPerAddress) = (5, 10));
        await kit.InviteOneAsync("locked@x.example");
        await kit.InviteOneAsync("windowed@x.example");
        for (var i = 0; i < 5; i++)
        {
            (await kit.Manager.ActivateAsync(Activation("locked@x.example", $"20000{i}"))).ShouldFailWith(InvitationErrorCode.OtpInvalid);
        }

        kit.Clock.Advance(Duration.FromDays(1));
        for (var i = 0; i < 5; i++)
        {
            (await kit.Manager.ActivateAsync(Activation("locked@x.example", $"30000{i}"))).ShouldFailWith(InvitationErrorCode.OtpInvalid);
            (await kit.Manager.ActivateAsync(Activation("windowed@x.example", $"40000{i}"))).ShouldFailWith(InvitationErrorCode.OtpInvalid);
        }

        (await kit.Manager.ExpireOverdueAsync()).ShouldSucceed();
        Assert.Equal((10, 5), (await OtpFailureTotalAsync(kit.Store, "locked@x.example"), await OtpFailureTotalAsync(kit.Store, "windowed@x.example")));

        kit.Clock.Advance(Duration.FromDays(400));
        (await kit.Manager.ExpireOverdueAsync()).ShouldSucceed();
        Assert.Equal(1, await OtpFailureCountsAsync(kit.Store));
        Assert.Equal(10, await OtpFailureTotalAsync(kit.Store, "locked@x.example"));
    }

    /// <summary>How many OTP failure counts the test's store holds: the in-memory store's, or its database's rows.</summary>
    /// <param name="inMemory">The kit's in-memory store (the store unless a subclass registered another).</param>
    /// <returns>The count.</returns>
    protected virtual Task<int> OtpFailureCountsAsync(InMemoryInvitationStore inMemory) => Task.FromResult(inMemory.OtpFailures.Count);

    /// <summary>The lifetime total of one budget's failures (an address's email key), or null when the store holds none.</summary>
    /// <param name="inMemory">The kit's in-memory store (the store unless a subclass registered another).</param>
    /// <param name="key">The budget's key.</param>
    /// <returns>The total, or null.</returns>
    protected virtual Task<int?> OtpFailureTotalAsync(InMemoryInvitationStore inMemory, string key) =>
        Task.FromResult(inMemory.OtpFailures.TryGetValue(key, out var count) ? count.Total : (int?)null);
}
