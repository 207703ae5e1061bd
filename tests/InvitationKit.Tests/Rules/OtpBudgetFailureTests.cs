using System.Security.Cryptography;
using InvitationKit.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace InvitationKit.Tests.Rules;

/// <summary>
/// Rule 11 under failures: no attempt of the OTP failure budget is spent by a failure. A lost reservation reply is
/// recognized when the same code is retried; a throwing clock changes nothing, or reports what it changed.
/// </summary>
public sealed class OtpBudgetFailureTests
{
    private const string Password = "a-Long-passw0rd";
    private const int MaxAttempts = 4;

    [Fact]
    public async Task A_lost_reservation_reply_then_the_right_code_leaves_the_budget_as_it_was()
    {
        FaultyStore? store = null;
        await using var kit = await TestKit.CreateAsync(o => o.MaxOtpAttempts = MaxAttempts, services: s => FaultyStore.Register(s, created => store = created));
        await kit.InviteOneAsync("nina@example.com");
        var otp = kit.OtpFor("nina@example.com");

        store!.LoseReservationReplies = true;
        await Assert.ThrowsAsync<IOException>(() => kit.Manager.ActivateAsync(new ActivationRequest("nina@example.com", otp, Password)));
        store.LoseReservationReplies = false;
        (await kit.Manager.ActivateAsync(new ActivationRequest("nina@example.com", otp, Password))).ShouldSucceed();

        Assert.Equal(MaxAttempts, await AttemptsLeftAsync(kit));
    }

    [Fact]
    public async Task A_lost_reservation_reply_of_a_wrong_code_is_counted_once_when_the_code_is_retried()
    {
        FaultyStore? store = null;
        await using var kit = await TestKit.CreateAsync(o => o.MaxOtpAttempts = MaxAttempts, services: s => FaultyStore.Register(s, created => store = created));
        await kit.InviteOneAsync("nina@example.com");

        store!.LoseReservationReplies = true;
        await Assert.ThrowsAsync<IOException>(() => kit.Manager.ActivateAsync(new ActivationRequest("nina@example.com", "wrong-1", Password)));
        store.LoseReservationReplies = false;
        (await kit.Manager.ActivateAsync(new ActivationRequest("nina@example.com", "wrong-1", Password))).ShouldFailWith(InvitationErrorCode.OtpInvalid);
        (await kit.Manager.ActivateAsync(new ActivationRequest("nina@example.com", "wrong 1", Password))).ShouldFailWith(InvitationErrorCode.OtpInvalid); // the same code, typed with a space

        Assert.Equal(MaxAttempts - 1, await AttemptsLeftAsync(kit));
    }

    [Fact]
    public async Task Another_wrong_code_is_counted_and_the_lockout_still_comes()
    {
        await using var kit = await TestKit.CreateAsync(o => o.MaxOtpAttempts = MaxAttempts);
        await kit.InviteOneAsync("nina@example.com");
        for (var i = 0; i < MaxAttempts; i++)
        {
            (await kit.Manager.ActivateAsync(new ActivationRequest("nina@example.com", $"wrong-{i}", Password))).ShouldFailWith(InvitationErrorCode.OtpInvalid);
        }

        // At the bare address a spent budget is answered as a wrong code (rule 11); the count shows it is spent.
        (await kit.Manager.ActivateAsync(new ActivationRequest("nina@example.com", "wrong-new", Password))).ShouldFailWith(InvitationErrorCode.OtpInvalid);
        (await kit.Manager.ActivateAsync(new ActivationRequest("nina@example.com", kit.OtpFor("nina@example.com"), Password))).ShouldFailWith(InvitationErrorCode.OtpInvalid);
        Assert.Equal(MaxAttempts, kit.Store.OtpFailures["nina@example.com"].Total);
    }

    /// <summary>The clock fails at each of its reads in turn: the activation's budget is as it was, and a retry works.</summary>
    [Fact]
    public async Task A_clock_that_throws_during_an_activation_leaves_the_budget_as_it_was()
    {
        var reads = await CountReadsAsync(async kit => (await kit.Kit.Manager.ActivateAsync(new ActivationRequest("nina@example.com", kit.Kit.OtpFor("nina@example.com"), Password))).ShouldSucceed());
        for (var k = 1; k <= reads; k++)
        {
            var (kit, clock) = await CreateAsync();
            await using var _ = kit;
            var otp = kit.OtpFor("nina@example.com");
            clock.Arm(k);
            InvitationResult<Member>? result = null;
            try
            {
                result = await kit.Manager.ActivateAsync(new ActivationRequest("nina@example.com", otp, Password));
            }
            catch (InvalidOperationException)
            {
            }

            clock.Disarm();
            if (result is not { Succeeded: true })
            {
                (await kit.Manager.ActivateAsync(new ActivationRequest("nina@example.com", otp, Password))).ShouldSucceed();
            }

            Assert.True(MaxAttempts == await AttemptsLeftAsync(kit), $"the clock's read {k} of {reads} spent an attempt");
        }
    }

    /// <summary>The clock fails at each of its reads in turn: a resend that reports a failure stored nothing.</summary>
    [Fact]
    public async Task A_clock_that_throws_during_a_resend_never_reports_a_failure_of_a_stored_resend()
    {
        var reads = await CountReadsAsync(async kit => (await kit.Kit.Manager.ResendAsync(kit.Kit.Owner, kit.Id)).ShouldSucceed());
        for (var k = 1; k <= reads; k++)
        {
            var (kit, clock) = await CreateAsync();
            await using var _ = kit;
            var id = kit.Store.Invitations.Single().Id;
            clock.Arm(k);
            var succeeded = false;
            try
            {
                succeeded = (await kit.Manager.ResendAsync(kit.Owner, id)).Succeeded;
            }
            catch (InvalidOperationException)
            {
            }

            clock.Disarm();
            var stored = kit.Stored(id).SendCount > 1;
            Assert.True(succeeded == stored, $"the clock's read {k} of {reads}: succeeded {succeeded}, stored {stored}");
        }
    }

    private static async Task<int> CountReadsAsync(Func<(TestKit Kit, Guid Id), Task> act)
    {
        var (kit, clock) = await CreateAsync();
        await using var _ = kit;
        clock.Count();
        await act((kit, kit.Store.Invitations.Single().Id));
        Assert.True(clock.Reads > 0);
        return clock.Reads;
    }

    private static async Task<(TestKit Kit, ThrowingClock Clock)> CreateAsync()
    {
        ThrowingClock? clock = null;
        var kit = await TestKit.CreateAsync(
            o => o.MaxOtpAttempts = MaxAttempts,
            after: s => s.Replace(ServiceDescriptor.Singleton<IClock>(sp => clock = new ThrowingClock(sp.GetRequiredService<FakeClock>()))));
        await kit.InviteOneAsync("nina@example.com");
        _ = kit.Manager; // resolved: the clock exists
        return (kit, clock ?? (ThrowingClock)kit.Services.GetRequiredService<IClock>());
    }

    /// <summary>How many new attempts the address's window still grants (each a different code).</summary>
    private static async Task<int> AttemptsLeftAsync(TestKit kit)
    {
        var budget = new OtpFailureBudget(MaxAttempts, InvitationKitDefaults.OtpFailureWindow, InvitationKitDefaults.MaxOtpFailuresPerAddress);
        var left = 0;
        for (var i = 0; i <= MaxAttempts; i++)
        {
            var attempt = new SecretHash(RandomNumberGenerator.GetBytes(SecretHash.Size));
            left += (await kit.Store.TryReserveOtpAttemptAsync("nina@example.com", attempt, budget, kit.Clock.GetCurrentInstant(), default)).Reserved ? 1 : 0;
        }

        return left;
    }
}
