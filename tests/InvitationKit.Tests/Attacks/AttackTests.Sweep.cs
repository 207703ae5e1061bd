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
    public async Task Budget_rows_of_sprayed_addresses_are_deleted_by_the_sweep_once_they_lapse()
    {
        await using var kit = await KitAsync();
        await kit.InviteOneAsync("nina@example.com");
        (await kit.Manager.ActivateAsync(Activation("nina@example.com", Wrong(kit.OtpFor("nina@example.com"))))).ShouldFailWith(InvitationErrorCode.OtpInvalid);
        for (var i = 0; i < 300; i++)
        {
            (await kit.Manager.ActivateAsync(Activation($"sprayed-{i}@example.com", "123456"))).ShouldFailWith(InvitationErrorCode.OtpInvalid);
        }

        Assert.Equal(301, await OtpFailureCountsAsync(kit.Store));

        // While a window runs, or a code a counted guess could have matched still lives, the sweep keeps every row.
        kit.Clock.Advance(Duration.FromHours(47));
        (await kit.Manager.ExpireOverdueAsync()).ShouldSucceed();
        Assert.Equal(301, await OtpFailureCountsAsync(kit.Store));

        kit.Clock.Advance(Duration.FromDays(400));
        (await kit.Manager.ExpireOverdueAsync()).ShouldSucceed();
        Assert.Equal(0, await OtpFailureCountsAsync(kit.Store));
    }

    [StoreFact]
    public async Task The_sweep_never_lifts_a_window_lockout_nor_a_lockout_for_good()
    {
        await using var kit = await KitAsync(o => (o.MaxOtpAttempts, o.MaxOtpFailuresPerAddress) = (5, 10));
        for (var i = 0; i < 5; i++)
        {
            (await kit.Manager.ActivateAsync(Activation("locked@x.example", $"20000{i}"))).ShouldFailWith(InvitationErrorCode.OtpInvalid);
        }

        kit.Clock.Advance(Duration.FromDays(1));
        for (var i = 0; i < 5; i++)
        {
            (await kit.Manager.ActivateAsync(Activation("locked@x.example", $"30000{i}"))).ShouldFailWith(InvitationErrorCode.OtpInvalid);
        }

        for (var i = 0; i < 5; i++)
        {
            (await kit.Manager.ActivateAsync(Activation("windowed@x.example", $"40000{i}"))).ShouldFailWith(InvitationErrorCode.OtpInvalid);
        }

        (await kit.Manager.ExpireOverdueAsync()).ShouldSucceed();
        Assert.NotNull((await kit.Manager.ActivateAsync(Activation("windowed@x.example", "500000"))).ShouldFailWith(InvitationErrorCode.OtpLockedOut).Single().RetryAfter);

        kit.Clock.Advance(Duration.FromDays(400));
        (await kit.Manager.ExpireOverdueAsync()).ShouldSucceed();
        Assert.Null((await kit.Manager.ActivateAsync(Activation("locked@x.example", "600000"))).ShouldFailWith(InvitationErrorCode.OtpLockedOut).Single().RetryAfter);
        Assert.Equal(1, await OtpFailureCountsAsync(kit.Store));
    }

    /// <summary>How many OTP failure counts the test's store holds: the in-memory store's, or its database's rows.</summary>
    /// <param name="inMemory">The kit's in-memory store (the store unless a subclass registered another).</param>
    /// <returns>The count.</returns>
    protected virtual Task<int> OtpFailureCountsAsync(InMemoryInvitationStore inMemory) => Task.FromResult(inMemory.OtpFailures.Count);
}
