using InvitationKit.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace InvitationKit.Tests.Delivery;

/// <summary>
/// The mail outbox: every stored pending invitation is eventually mailed — after a failing mailer, a lost record, or a
/// sender that died mid-send — with a secret issued at send time, and never by two senders at once.
/// </summary>
public sealed class OutboxTests
{
    private static readonly Duration Lease = Duration.FromMinutes(2);

    [Fact]
    public async Task A_failed_mail_is_retried_by_the_dispatcher_after_its_backoff_with_a_fresh_secret()
    {
        await using var kit = await TestKit.CreateAsync();
        kit.Mailer.FailWhen = _ => true;
        var view = (await kit.InviteAsync("a@example.com")).ShouldSucceed().Invitations[0];
        Assert.Equal(DeliveryState.Failed, view.Delivery);
        var retryAt = kit.Stored(view.Id).NextDeliveryAt!.Value;
        Assert.InRange(retryAt - kit.Clock.GetCurrentInstant(), Duration.FromSeconds(30), Duration.FromMinutes(1));
        Assert.Equal(retryAt, view.NextDeliveryAt);

        kit.Mailer.FailWhen = null;
        Assert.True((await kit.Dispatcher.DispatchAsync()).IsEmpty); // not due yet
        kit.Clock.Advance(Duration.FromMinutes(1));
        Assert.Equal(new DispatchReport(Sent: 1, Retrying: 0, GivenUp: 0, Skipped: 0), await kit.Dispatcher.DispatchAsync());

        var stored = kit.Stored(view.Id);
        Assert.Equal((DeliveryState.Sent, (Instant?)null, 2), (stored.Delivery, stored.NextDeliveryAt, stored.DeliveryAttempts));
        Assert.False(kit.Mailer.LastTo("a@example.com").IsResend);
        (await kit.AcceptAsync("a@example.com")).ShouldSucceed();
    }

    [Fact]
    public async Task A_claimed_chunk_is_handed_to_the_mailer_MaxConcurrentSends_mails_at_once()
    {
        var mailer = new ConcurrencyMailer();
        await using var kit = await TestKit.CreateAsync(o => o.Delivery.MaxConcurrentSends = 3, after: s => s.AddSingleton<IInvitationMailer>(mailer));
        mailer.Fail = true;
        (await kit.InviteAsync([.. Enumerable.Range(0, 12).Select(i => $"u{i}@example.com")])).ShouldSucceed();
        Assert.Equal(3, mailer.MostInFlight); // the invite's own sends, too

        (mailer.Fail, mailer.MostInFlight) = (false, 0);
        kit.Clock.Advance(Duration.FromMinutes(1));
        Assert.Equal(new DispatchReport(Sent: 12, Retrying: 0, GivenUp: 0, Skipped: 0), await kit.Dispatcher.DispatchAsync());
        Assert.Equal(3, mailer.MostInFlight);
        Assert.All(kit.Store.Invitations, i => Assert.Equal(DeliveryState.Sent, i.Delivery));
    }

    /// <summary>A mailer that takes a moment per mail and records how many it held at once.</summary>
    private sealed class ConcurrencyMailer : IInvitationMailer
    {
        private int _inFlight;

        public bool Fail { get; set; }

        public int MostInFlight { get; set; }

        public async Task SendAsync(InvitationMessage message, CancellationToken cancellationToken)
        {
            var now = Interlocked.Increment(ref _inFlight);
            lock (this)
            {
                MostInFlight = Math.Max(MostInFlight, now);
            }

            try
            {
                await Task.Delay(20, cancellationToken);
                if (Fail)
                {
                    throw new IOException("The mail server is down.");
                }
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
        }
    }

    [Fact]
    public async Task After_max_attempts_delivery_is_failed_for_good_an_event_is_raised_and_a_resend_still_works()
    {
        await using var kit = await TestKit.CreateAsync(o => o.Delivery.MaxAttempts = 3);
        kit.Mailer.FailWhen = _ => true;
        var id = (await kit.InviteAsync("a@example.com")).ShouldSucceed().Invitations[0].Id;
        for (var attempt = 2; attempt <= 3; attempt++)
        {
            kit.Clock.Advance(Duration.FromHours(1));
            var report = await kit.Dispatcher.DispatchAsync();
            Assert.Equal(attempt < 3 ? new DispatchReport(0, 1, 0, 0) : new DispatchReport(0, 0, 1, 0), report);
        }

        var stored = kit.Stored(id);
        Assert.Equal((DeliveryState.Failed, (Instant?)null, 3), (stored.Delivery, stored.NextDeliveryAt, stored.DeliveryAttempts));
        Assert.Single(kit.Events.Events, e => e.Kind == InvitationEventKind.DeliveryFailed && e.InvitationId == id);
        kit.Clock.Advance(Duration.FromDays(1));
        Assert.True((await kit.Dispatcher.DispatchAsync()).IsEmpty);

        kit.Mailer.FailWhen = null;
        Assert.Equal(DeliveryState.Sent, (await kit.Manager.ResendAsync(kit.Owner, id)).ShouldSucceed().Delivery);
        (await kit.AcceptAsync("a@example.com")).ShouldSucceed();
    }

    [Fact]
    public async Task A_sender_that_dies_mid_send_leaves_its_lease_and_the_dispatcher_of_another_instance_sends()
    {
        await using var kit = await TestKit.CreateAsync();
        using var dying = new CancellationTokenSource();
        string? lostSecret = null;
        kit.Mailer.FailWhen = m =>
        {
            lostSecret = m.Secret; // what a mail in flight when the process died carried
            dying.Cancel();
            throw new OperationCanceledException(dying.Token);
        };

        var view = (await kit.Manager.InviteAsync(kit.Owner, new InviteRequest(TestKit.AccountId, TestKit.Product, [new InviteRecipient("new@example.com", "VIEWER")]), dying.Token)).ShouldSucceed().Invitations[0];
        Assert.Equal(DeliveryState.NotSent, view.Delivery);
        Assert.Equal(kit.Clock.GetCurrentInstant() + Lease, kit.Stored(view.Id).NextDeliveryAt);

        kit.Mailer.FailWhen = null;
        var other = kit.OtherDispatcher();
        Assert.True((await other.DispatchAsync()).IsEmpty); // the lease still holds
        kit.Clock.Advance(Lease);
        Assert.Equal(1, (await other.DispatchAsync()).Sent);

        Assert.False((await kit.Manager.PreviewAsync(lostSecret!)).Succeeded); // the undelivered secret died with the re-issue
        var mail = kit.Mailer.LastTo("new@example.com");
        (await kit.Manager.PreviewAsync(mail.Secret)).ShouldSucceed();
        (await kit.Manager.ActivateAsync(new ActivationRequest("new@example.com", mail.OneTimePassword!, "a long enough password"))).ShouldSucceed();
    }

    [Fact]
    public async Task A_lost_delivery_record_is_not_reported_as_a_failure_and_the_mail_is_sent_again_after_the_lease()
    {
        FaultyStore? faulty = null;
        await using var kit = await TestKit.CreateAsync(services: s => FaultyStore.Register(s, created => faulty = created));
        faulty!.FailRecords = true;

        var view = (await kit.InviteAsync("a@example.com")).ShouldSucceed().Invitations[0];
        Assert.Equal(DeliveryState.Sent, view.Delivery); // what happened; the store just could not hear it
        Assert.Contains(kit.Logs.Entries, e => e.Id.Id == 1019);

        faulty.FailRecords = false;
        kit.Clock.Advance(Lease);
        Assert.Equal(1, (await kit.Dispatcher.DispatchAsync()).Sent);
        Assert.Equal(2, kit.Mailer.Sent.Count(m => m.InvitationId == view.Id));
        Assert.Equal(DeliveryState.Sent, kit.Stored(view.Id).Delivery);
        (await kit.AcceptAsync("a@example.com")).ShouldSucceed(); // the newest mail's link works
    }

    [Fact]
    public async Task A_resend_whose_sender_dies_is_finished_by_the_dispatcher()
    {
        await using var kit = await TestKit.CreateAsync();
        var id = await kit.InviteOneAsync("a@example.com");
        using var dying = new CancellationTokenSource();
        kit.Mailer.FailWhen = _ => { dying.Cancel(); throw new OperationCanceledException(dying.Token); };
        Assert.Equal(DeliveryState.NotSent, (await kit.Manager.ResendAsync(kit.Owner, id, dying.Token)).ShouldSucceed().Delivery);

        kit.Mailer.FailWhen = null;
        kit.Clock.Advance(Lease);
        Assert.Equal(1, (await kit.Dispatcher.DispatchAsync()).Sent);
        Assert.True(kit.Mailer.LastTo("a@example.com").IsResend);
        (await kit.AcceptAsync("a@example.com")).ShouldSucceed();
    }

    [Fact]
    public async Task An_invitation_that_expires_between_the_outbox_read_and_the_claim_is_never_mailed()
    {
        await using var kit = await TestKit.CreateAsync();
        kit.Mailer.FailWhen = _ => true;
        var id = (await kit.InviteAsync("late@example.com")).ShouldSucceed().Invitations[0].Id;
        kit.Mailer.FailWhen = null;
        var mails = kit.Mailer.Sent.Count;

        // The outbox is read a second before the invitation expires; the claim is made at its expiry.
        kit.Clock.Reset(kit.Stored(id).ExpiresAt - Duration.FromSeconds(1));
        kit.Clock.AutoAdvance = Duration.FromSeconds(1);
        var report = await kit.Dispatcher.DispatchAsync();
        kit.Clock.AutoAdvance = Duration.Zero;

        Assert.Equal(new DispatchReport(0, 0, 0, Skipped: 1), report);
        Assert.Equal(mails, kit.Mailer.Sent.Count);
        Assert.Equal(DeliveryState.Failed, kit.Stored(id).Delivery);
    }

    [Fact]
    public async Task Racing_dispatchers_send_each_due_mail_exactly_once()
    {
        await using var kit = await TestKit.CreateAsync();
        kit.Mailer.FailWhen = _ => true;
        var ids = (await kit.InviteAsync([.. Enumerable.Range(0, 15).Select(i => $"p{i}@example.com")])).ShouldSucceed().Invitations.Select(i => i.Id).ToArray();
        kit.Mailer.FailWhen = null;
        kit.Clock.Advance(Duration.FromHours(1));

        var dispatchers = Enumerable.Range(0, 6).Select(_ => kit.OtherDispatcher()).ToArray();
        var reports = await Task.WhenAll(dispatchers.Select(d => Task.Run(() => d.DispatchAsync())));

        Assert.Equal(ids.Length, reports.Sum(r => r.Sent));
        Assert.All(ids, id => Assert.Single(kit.Mailer.Sent, m => m.InvitationId == id));
        Assert.All(ids, id => Assert.Equal(DeliveryState.Sent, kit.Stored(id).Delivery));
    }

    [Fact]
    public async Task The_dispatcher_never_reissues_under_an_activation_in_progress_nor_for_expired_or_settled_invitations()
    {
        await using var kit = await TestKit.CreateAsync();
        kit.Mailer.FailWhen = _ => true;
        var claimed = (await kit.InviteAsync("claimed@example.com")).ShouldSucceed().Invitations[0].Id;
        var revoked = (await kit.InviteAsync("revoked@example.com")).ShouldSucceed().Invitations[0].Id;
        (await kit.Manager.RevokeAsync(kit.Owner, revoked)).ShouldSucceed();
        kit.Clock.Advance(Duration.FromHours(1));
        var current = kit.Stored(claimed);
        Assert.NotNull(await kit.Port.Invitations.TryUpdateAsync(current with { ActivationClaimedAt = kit.Clock.GetCurrentInstant() }, default));
        kit.Mailer.FailWhen = null;

        Assert.Equal(new DispatchReport(0, 0, 0, Skipped: 1), await kit.Dispatcher.DispatchAsync());
        Assert.Empty(kit.Mailer.Sent);

        kit.Clock.Advance(Duration.FromDays(8)); // past the invitation's expiry: no longer due
        Assert.True((await kit.Dispatcher.DispatchAsync()).IsEmpty);
    }

    [Fact]
    public async Task Each_issue_gets_its_own_message_id_revealing_nothing()
    {
        await using var kit = await TestKit.CreateAsync();
        var id = await kit.InviteOneAsync("a@example.com");
        var first = kit.Mailer.LastTo("a@example.com");
        (await kit.Manager.ResendAsync(kit.Owner, id)).ShouldSucceed();
        var second = kit.Mailer.LastTo("a@example.com");

        Assert.NotEqual(first.MessageId, second.MessageId);
        Assert.NotEqual(Guid.Empty, first.MessageId);
        Assert.DoesNotContain(first.MessageId.ToString("N"), Convert.ToHexString(kit.Stored(id).SecretHash.ToArray()), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(8, first.MessageId.Version);
    }

    [Fact]
    public async Task Undelivered_invitations_are_found_by_delivery_state()
    {
        await using var kit = await TestKit.CreateAsync();
        kit.Mailer.FailWhen = m => m.Recipient.Key == "b@example.com";
        (await kit.InviteAsync("a@example.com", "b@example.com")).ShouldSucceed();

        var failed = (await kit.Manager.ListAsync(kit.Owner, new InvitationQuery(TestKit.AccountId, Delivery: DeliveryState.Failed))).ShouldSucceed();
        Assert.Equal(["b@example.com"], failed.Items.Select(i => i.Email));
        Assert.Equal(1, failed.TotalCount);
    }
}
