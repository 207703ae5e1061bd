using InvitationKit.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace InvitationKit.Tests.Rules;

/// <summary>Rule 16 and the failure model: a failing mailer, store, user directory or audit sink loses and duplicates nothing.</summary>
public sealed class FailureTests
{
    private static async Task<(TestKit Kit, FaultyStore Store)> CreateWithFaultyStoreAsync()
    {
        FaultyStore? faulty = null;
        var kit = await TestKit.CreateAsync(services: s => s.AddSingleton<IInvitationStore>(sp => faulty = new FaultyStore(sp.GetRequiredService<InMemoryInvitationStore>())));
        return (kit, faulty!);
    }

    [Fact]
    public async Task A_failing_mailer_leaves_the_invitation_pending_marked_failed_and_a_resend_delivers_it()
    {
        await using var kit = await TestKit.CreateAsync();
        kit.Mailer.FailWhen = m => m.Recipient.Key == "b@example.com";
        var outcome = (await kit.InviteAsync("a@example.com", "b@example.com")).ShouldSucceed();

        Assert.Equal([DeliveryState.Sent, DeliveryState.Failed], outcome.Invitations.Select(i => i.Delivery));
        var failed = Assert.Single(outcome.DeliveryFailures);
        Assert.Equal(InvitationStatus.Pending, kit.Stored(failed.Id).Status);
        Assert.Equal(DeliveryState.Failed, kit.Stored(failed.Id).Delivery);
        Assert.Equal(2, kit.Store.Invitations.Count);
        Assert.Contains(kit.Logs.Entries, e => e.Id.Id == 1002);

        kit.Mailer.FailWhen = null;
        Assert.Equal(DeliveryState.Sent, (await kit.Manager.ResendAsync(kit.Owner, failed.Id)).ShouldSucceed().Delivery);
        Assert.Single(kit.Mailer.Sent, m => m.InvitationId == failed.Id);
        Assert.Equal(2, kit.Store.Invitations.Count);
        Assert.Equal(DeliveryState.Sent, kit.Stored(failed.Id).Delivery);
    }

    [Fact]
    public async Task A_failing_store_surfaces_the_exception_and_writes_nothing_anywhere()
    {
        var (kit, store) = await CreateWithFaultyStoreAsync();
        await using var _ = kit;
        store.FailInsert = true;
        var users = kit.Users.Users.Count;
        await Assert.ThrowsAsync<IOException>(() => kit.InviteAsync("new@example.com"));
        Assert.Empty(kit.Store.Invitations);
        Assert.Equal(users, kit.Users.Users.Count);
        Assert.Empty(kit.Mailer.Sent);
    }

    [Fact]
    public async Task A_store_failing_during_a_transition_leaves_the_invitation_as_it_was()
    {
        var (kit, store) = await CreateWithFaultyStoreAsync();
        await using var _ = kit;
        var id = await kit.InviteOneAsync("a@example.com");
        var before = kit.Stored(id);
        store.FailUpdates = true;
        await Assert.ThrowsAsync<IOException>(() => kit.Manager.RevokeAsync(kit.Owner, id));
        Assert.Equal(before, kit.Stored(id));
    }

    [Fact]
    public async Task Endless_concurrent_changes_end_in_a_concurrency_conflict_not_a_loop()
    {
        var (kit, store) = await CreateWithFaultyStoreAsync();
        await using var _ = kit;
        var id = await kit.InviteOneAsync("a@example.com");
        store.AlwaysConflict = true;
        (await kit.Manager.RevokeAsync(kit.Owner, id)).ShouldFailWith(InvitationErrorCode.ConcurrencyConflict);
        (await kit.AcceptAsync("a@example.com")).ShouldFailWith(InvitationErrorCode.ConcurrencyConflict);
        Assert.Equal(InvitationStatus.Pending, kit.Stored(id).Status);
    }

    [Fact]
    public async Task A_user_directory_failing_to_create_users_withdraws_the_batch()
    {
        await using var kit = await TestKit.CreateAsync(services: s => s.AddSingleton<IUserDirectory, FailingCreateDirectory>());
        await Assert.ThrowsAsync<TimeoutException>(() => kit.InviteAsync("new@example.com"));
        Assert.Empty(kit.Store.Invitations);
        Assert.Empty(kit.Mailer.Sent);
        Assert.Contains(kit.Logs.Entries, e => e.Id.Id == 1011);
    }

    [Fact]
    public async Task A_failing_withdrawal_never_hides_the_original_failure_and_the_batch_is_still_mailed()
    {
        FaultyStore? faulty = null;
        await using var kit = await TestKit.CreateAsync(services: s =>
        {
            s.AddSingleton<IUserDirectory, FailingCreateDirectory>();
            s.AddSingleton<IInvitationStore>(sp => faulty = new FaultyStore(sp.GetRequiredService<InMemoryInvitationStore>()));
        });
        faulty!.FailDeletes = true;

        await Assert.ThrowsAsync<TimeoutException>(() => kit.InviteAsync("new@example.com"));
        Assert.Contains(kit.Logs.Entries, e => e.Id.Id == 1023);
        var stored = Assert.Single(kit.Store.Invitations);
        Assert.Equal(kit.Clock.GetCurrentInstant() + Duration.FromMinutes(2), stored.NextDeliveryAt); // its lease: the outbox has it
    }

    [Fact]
    public async Task An_infrastructure_failure_while_checking_a_code_spends_no_attempt_and_a_failing_release_hides_nothing()
    {
        var (kit, store) = await CreateWithFaultyStoreAsync();
        await using var _ = kit;
        await kit.InviteOneAsync("new@example.com");
        var otp = kit.OtpFor("new@example.com");
        store.FailPendingLookups = true;
        for (var i = 0; i < 20; i++)
        {
            await Assert.ThrowsAsync<IOException>(() => kit.Manager.ActivateAsync(new ActivationRequest("new@example.com", otp, "a long enough password")));
        }

        store.FailPendingLookups = false;
        (await kit.Manager.ActivateAsync(new ActivationRequest("new@example.com", otp, "a long enough password"))).ShouldSucceed();

        await kit.InviteOneAsync("other@example.com");
        store.FailPendingLookups = store.FailReleases = true;
        var outage = await Assert.ThrowsAsync<IOException>(() => kit.Manager.ActivateAsync(new ActivationRequest("other@example.com", kit.OtpFor("other@example.com"), "a long enough password")));
        Assert.Equal("Simulated database outage.", outage.Message); // the read's failure, not the release's

        // The right code with a refused password: its attempt is released, and a failing release is logged, not thrown.
        store.FailPendingLookups = false;
        var refused = await kit.Manager.ActivateAsync(new ActivationRequest("other@example.com", kit.OtpFor("other@example.com"), "short"));
        refused.ShouldFailWith(InvitationErrorCode.PasswordRejected);
        Assert.Contains(kit.Logs.Entries, e => e.Id.Id == 1022);
    }

    [Fact]
    public async Task A_failing_audit_sink_is_logged_and_the_change_stands()
    {
        await using var kit = await TestKit.CreateAsync(services: s => s.AddSingleton<IInvitationEventSink, FailingSink>());
        var id = await kit.InviteOneAsync("a@example.com");
        Assert.Equal(InvitationStatus.Revoked, (await kit.Manager.RevokeAsync(kit.Owner, id)).ShouldSucceed().Status);
        Assert.Contains(kit.Logs.Entries, e => e.Id.Id == 1008);
    }

    private sealed class FailingCreateDirectory : IUserDirectory
    {
        public Task<DirectoryUser?> FindByEmailAsync(EmailAddress email, CancellationToken cancellationToken) => Task.FromResult<DirectoryUser?>(null);

        public Task<DirectoryUser> CreatePendingUserAsync(EmailAddress email, CancellationToken cancellationToken) => throw new TimeoutException("Directory down.");

        public Task<UserActivationResult> ActivateAsync(string userId, string password, Guid activationId, CancellationToken cancellationToken) => throw new TimeoutException("Directory down.");
    }

    private sealed class FailingSink : IInvitationEventSink
    {
        public Task PublishAsync(InvitationEvent invitationEvent, CancellationToken cancellationToken) => throw new InvalidOperationException("Audit log down.");
    }
}
