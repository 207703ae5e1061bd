using InvitationKit.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace InvitationKit.Tests.Rules;

/// <summary>Rule 16 and the failure model: a failing mailer, store, user directory or audit sink loses and duplicates nothing.</summary>
public sealed class FailureTests
{
    private static async Task<(TestKit Kit, FaultyStore Store)> CreateWithFaultyStoreAsync()
    {
        FaultyStore? faulty = null;
        var kit = await TestKit.CreateAsync(services: s => FaultyStore.Register(s, created => faulty = created));
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
        await using var kit = await TestKit.CreateAsync(services: s => s.AddSingleton<IUserDirectory>(sp => new FlakyUserDirectory(sp.GetRequiredService<InMemoryUserDirectory>(), failCreationAt: 1)));
        await Assert.ThrowsAsync<TimeoutException>(() => kit.InviteAsync("new@example.com"));
        Assert.Empty(kit.Store.Invitations);
        Assert.Empty(kit.Mailer.Sent);
        Assert.Contains(kit.Logs.Entries, e => e.Id.Id == 1011);
    }

    [Fact]
    public async Task A_directory_failing_mid_batch_withdraws_the_users_the_batch_created_and_only_those()
    {
        FlakyUserDirectory? directory = null;
        await using var kit = await TestKit.CreateAsync(services: s => s.AddSingleton<IUserDirectory>(sp =>
            directory = new FlakyUserDirectory(sp.GetRequiredService<InMemoryUserDirectory>(), failCreationAt: 4, afterCreating: true)));
        var globex = await kit.TenantAsync("globex");
        var earlier = kit.Users.AddUser("earlier@example.com", state: UserState.PendingActivation); // an older invitation's user
        var registered = kit.User("bob@example.com");
        directory!.BeforeFailure = async () => (await kit.OtherRequest().InviteAsync(globex,
            new InviteRequest("globex", TestKit.Product, [new InviteRecipient("raced@example.com", "VIEWER")]))).ShouldSucceed();
        var users = kit.Users.Users.Count;

        // Creations: new (1), earlier (2, already there), raced (3), lost (4: created, then the reply is lost); last is never tried.
        await Assert.ThrowsAsync<TimeoutException>(() => kit.InviteAsync("new@example.com", "earlier@example.com", "raced@example.com", "lost@example.com", "bob@example.com", "last@example.com"));

        Assert.DoesNotContain(kit.Store.Invitations, i => i.AccountId == TestKit.AccountId && i.Status == InvitationStatus.Pending);
        var left = kit.Users.Users.Where(u => u.Email is not null).ToDictionary(u => u.Email!);
        Assert.False(left.ContainsKey("new@example.com"));
        Assert.False(left.ContainsKey("lost@example.com"));
        Assert.False(left.ContainsKey("last@example.com"));
        Assert.Equal(earlier, left["earlier@example.com"]);          // not this invite's
        Assert.Equal(registered, left["bob@example.com"]);
        Assert.Equal(UserState.PendingActivation, left["raced@example.com"].State); // globex's pending invitation names it
        Assert.Equal(users + 1, kit.Users.Users.Count);                   // only globex's raced user is new
        Assert.Contains(kit.Logs.Entries, e => e.Id.Id == 1011);
    }

    [Fact]
    public async Task A_failing_user_removal_is_logged_and_never_hides_the_original_failure()
    {
        FlakyUserDirectory? directory = null;
        await using var kit = await TestKit.CreateAsync(services: s => s.AddSingleton<IUserDirectory>(sp =>
            directory = new FlakyUserDirectory(sp.GetRequiredService<InMemoryUserDirectory>(), failCreationAt: 2)));
        directory!.FailDeletes = true;

        var failure = await Assert.ThrowsAsync<TimeoutException>(() => kit.InviteAsync("new@example.com", "other@example.com"));
        Assert.Equal("Directory down.", failure.Message);
        Assert.DoesNotContain(kit.Store.Invitations, i => i.AccountId == TestKit.AccountId);
        Assert.Equal(UserState.PendingActivation, Assert.Single(kit.Users.Users, u => u.Email == "new@example.com").State);
        Assert.Contains(kit.Logs.Entries, e => e.Id.Id == 1026);

        // The user left behind is harmless: the next invitation of the address reuses it, and it activates as usual.
        directory.FailDeletes = false;
        (await kit.InviteAsync("new@example.com", "other@example.com")).ShouldSucceed();
        (await kit.Manager.ActivateAsync(new ActivationRequest("new@example.com", kit.OtpFor("new@example.com"), "a long enough password"))).ShouldSucceed();
    }

    [Fact]
    public async Task A_failing_withdrawal_never_hides_the_original_failure_and_the_batch_is_still_mailed()
    {
        FaultyStore? faulty = null;
        await using var kit = await TestKit.CreateAsync(services: s =>
        {
            s.AddSingleton<IUserDirectory>(sp => new FlakyUserDirectory(sp.GetRequiredService<InMemoryUserDirectory>(), failCreationAt: 1));
            FaultyStore.Register(s, created => faulty = created);
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

    private sealed class FailingSink : IInvitationEventSink
    {
        public Task PublishAsync(InvitationEvent invitationEvent, CancellationToken cancellationToken) => throw new InvalidOperationException("Audit log down.");
    }
}
