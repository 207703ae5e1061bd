using InvitationKit.Tests.Infrastructure;

namespace InvitationKit.Tests.Delivery;

/// <summary>
/// A mailer's <see cref="PermanentDeliveryException"/> (the mailbox was refused for good) is not retried: delivery is
/// failed at once, as after the last attempt, and the invitation stays resendable. Any other failure is retried.
/// </summary>
public sealed class PermanentDeliveryTests
{
    [Fact]
    public async Task A_mailbox_refused_for_good_is_failed_at_once_without_retries_and_stays_resendable()
    {
        await using var kit = await TestKit.CreateAsync(o => o.Delivery.MaxAttempts = 5);
        kit.Mailer.FailWhen = _ => throw new PermanentDeliveryException("550 5.1.1 mailbox unavailable");

        var view = (await kit.InviteAsync("gone@example.com")).ShouldSucceed().Invitations[0];

        Assert.Equal(DeliveryState.Failed, view.Delivery);
        var stored = kit.Stored(view.Id);
        Assert.Equal((DeliveryState.Failed, (Instant?)null, 1), (stored.Delivery, stored.NextDeliveryAt, stored.DeliveryAttempts));
        Assert.Single(kit.Events.Events, e => e.Kind == InvitationEventKind.DeliveryFailed && e.InvitationId == view.Id);
        Assert.Contains(kit.Logs.Entries, e => e.Id.Id == 1020);
        kit.Clock.Advance(Duration.FromDays(1));
        Assert.True((await kit.Dispatcher.DispatchAsync()).IsEmpty); // never retried

        kit.Mailer.FailWhen = null;
        Assert.Equal(DeliveryState.Sent, (await kit.Manager.ResendAsync(kit.Owner, view.Id)).ShouldSucceed().Delivery);
    }

    [Fact]
    public async Task A_retry_refused_for_good_is_given_up_by_the_dispatcher_before_its_last_attempt()
    {
        await using var kit = await TestKit.CreateAsync(o => o.Delivery.MaxAttempts = 5);
        kit.Mailer.FailWhen = _ => true; // a transient outage: retried
        var id = (await kit.InviteAsync("gone@example.com")).ShouldSucceed().Invitations[0].Id;
        Assert.NotNull(kit.Stored(id).NextDeliveryAt);

        kit.Mailer.FailWhen = _ => throw new PermanentDeliveryException();
        kit.Clock.Advance(Duration.FromHours(1));
        Assert.Equal(new DispatchReport(Sent: 0, Retrying: 0, GivenUp: 1, Skipped: 0), await kit.Dispatcher.DispatchAsync());

        var stored = kit.Stored(id);
        Assert.Equal((DeliveryState.Failed, (Instant?)null, 2), (stored.Delivery, stored.NextDeliveryAt, stored.DeliveryAttempts));
        Assert.Single(kit.Events.Events, e => e.Kind == InvitationEventKind.DeliveryFailed && e.InvitationId == id);
    }
}
