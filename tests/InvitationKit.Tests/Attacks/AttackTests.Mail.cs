using InvitationKit.Testing.Conformance;
using InvitationKit.Tests.Infrastructure;

namespace InvitationKit.Tests.Attacks;

/// <summary>
/// Issue 24, finding 11: mail bombing a stranger through invitations. Every mail takes a permit of its recipient's
/// throttle, across tenants; a mail over it is deferred (never failed), and a revoked invitation's deferred mail is
/// never sent.
/// </summary>
public abstract partial class AttackTests
{
    private const string Stranger = "stranger@victim.example";

    [StoreFact]
    public async Task Looping_invite_and_revoke_mails_a_stranger_no_more_than_the_recipient_limit()
    {
        await using var kit = await KitAsync(o => o.RateLimits = new InvitationRateLimitOptions()); // the shipped throttles
        for (var i = 0; i < 200; i++)
        {
            var view = (await kit.InviteAsync(Stranger)).ShouldSucceed().Invitations.Single();
            (await kit.Manager.RevokeAsync(kit.Owner, view.Id)).ShouldSucceed();
        }

        // The dispatcher runs through the invitations' whole lives: no revoked invitation's deferred mail goes out.
        for (var hour = 0; hour <= 8 * 24; hour++)
        {
            await kit.Dispatcher.DispatchAsync(1000);
            kit.Clock.Advance(Duration.FromHours(1));
        }

        Assert.Equal(5, kit.Mailer.Sent.Count(m => m.Recipient.Key == Stranger));
    }

    [StoreFact]
    public async Task A_mail_over_the_recipient_limit_waits_for_the_window_and_is_no_failed_attempt()
    {
        await using var kit = await KitAsync(o =>
        {
            o.RateLimits = new InvitationRateLimitOptions { MailsPerRecipient = new RateLimitRule(1, Duration.FromHours(1)) };
            o.Delivery.MaxAttempts = 1; // one deferral counted as an attempt would fail the delivery for good
        });
        var evil = await kit.TenantAsync("evil");
        var globex = await kit.TenantAsync("globex");
        var windowEnd = kit.Clock.GetCurrentInstant() + Duration.FromHours(1);
        (await kit.Manager.InviteAsync(evil, new InviteRequest("evil", TestKit.Product, [new InviteRecipient(Stranger)]))).ShouldSucceed();

        kit.Clock.Advance(Duration.FromMinutes(10));
        var acme = (await kit.InviteAsync(Stranger)).ShouldSucceed().Invitations.Single();
        var other = (await kit.Manager.InviteAsync(globex, new InviteRequest("globex", TestKit.Product, [new InviteRecipient(Stranger)]))).ShouldSucceed().Invitations.Single();
        Assert.All([acme, other], view => Assert.Equal((InvitationStatus.Pending, DeliveryState.NotSent, (Instant?)windowEnd), (view.Status, view.Delivery, view.NextDeliveryAt)));
        Assert.Single(kit.Mailer.Sent, m => m.Recipient.Key == Stranger);

        kit.Clock.Reset(windowEnd - Duration.FromTicks(1));
        Assert.True((await kit.Dispatcher.DispatchAsync()).IsEmpty);

        // The window frees: one of the two is sent, the other deferred again by the dispatcher; the next window sends it.
        kit.Clock.Reset(windowEnd);
        Assert.Equal(new DispatchReport(Sent: 1, 0, 0, 0) { Deferred = 1 }, await kit.Dispatcher.DispatchAsync());
        kit.Clock.Advance(Duration.FromHours(1));
        Assert.Equal(new DispatchReport(Sent: 1, 0, 0, 0), await kit.Dispatcher.DispatchAsync());

        foreach (var id in new[] { acme.Id, other.Id })
        {
            var stored = await kit.StoredAsync(id);
            Assert.Equal((DeliveryState.Sent, 1, (Instant?)null), (stored.Delivery, stored.DeliveryAttempts, stored.NextDeliveryAt));
        }

        Assert.DoesNotContain(kit.Events.Events, e => e.Kind == InvitationEventKind.DeliveryFailed);
        Assert.Equal(3, kit.Mailer.Sent.Count(m => m.Recipient.Key == Stranger));
        var last = kit.Mailer.LastTo(Stranger);
        Assert.False(last.IsResend);
        (await kit.Manager.ActivateAsync(Activation(Stranger, last.OneTimePassword!))).ShouldSucceed();
    }

    [StoreFact]
    public async Task A_revoked_invitations_deferred_mail_is_never_sent()
    {
        await using var kit = await KitAsync(o => o.RateLimits = new InvitationRateLimitOptions { MailsPerRecipient = new RateLimitRule(1, Duration.FromHours(1)) });
        var globex = await kit.TenantAsync("globex");
        await kit.InviteOneAsync(Stranger);
        var deferred = (await kit.Manager.InviteAsync(globex, new InviteRequest("globex", TestKit.Product, [new InviteRecipient(Stranger)]))).ShouldSucceed().Invitations.Single();
        Assert.Equal(DeliveryState.NotSent, deferred.Delivery);
        (await kit.Manager.RevokeAsync(globex, deferred.Id)).ShouldSucceed();

        kit.Clock.Advance(Duration.FromHours(2));
        Assert.True((await kit.Dispatcher.DispatchAsync()).IsEmpty);
        Assert.Single(kit.Mailer.Sent, m => m.Recipient.Key == Stranger);
    }

    [StoreFact]
    public async Task Resending_cannot_mail_an_address_past_the_recipient_limit()
    {
        await using var kit = await KitAsync(o => o.RateLimits = new InvitationRateLimitOptions { MailsPerRecipient = new RateLimitRule(2, Duration.FromHours(1)) });
        var windowEnd = kit.Clock.GetCurrentInstant() + Duration.FromHours(1);
        var id = await kit.InviteOneAsync(Stranger);
        Assert.Equal(DeliveryState.Sent, (await kit.Manager.ResendAsync(kit.Owner, id)).ShouldSucceed().Delivery);
        var resent = (await kit.Manager.ResendAsync(kit.Owner, id)).ShouldSucceed();
        Assert.Equal((DeliveryState.NotSent, (Instant?)windowEnd), (resent.Delivery, resent.NextDeliveryAt));
        Assert.Equal(2, kit.Mailer.Sent.Count(m => m.Recipient.Key == Stranger));

        kit.Clock.Reset(windowEnd);
        Assert.Equal(1, (await kit.Dispatcher.DispatchAsync()).Sent);
        Assert.True(kit.Mailer.LastTo(Stranger).IsResend);
        Assert.Equal(3, kit.Mailer.Sent.Count(m => m.Recipient.Key == Stranger));
    }

    [StoreFact]
    public async Task Another_tenants_mail_to_an_address_shows_in_nothing_but_the_delivery_timing()
    {
        await using var kit = await KitAsync(o => o.RateLimits = new InvitationRateLimitOptions()); // the shipped throttles
        var evil = await kit.TenantAsync("evil");
        for (var i = 0; i < 5; i++)
        {
            var view = (await kit.Manager.InviteAsync(evil, new InviteRequest("evil", TestKit.Product, [new InviteRecipient("busy@example.com")]))).ShouldSucceed().Invitations.Single();
            (await kit.Manager.RevokeAsync(evil, view.Id)).ShouldSucceed();
        }

        // acme invites an address evil mailed up to its limit and one nobody mailed, in one batch.
        var invited = (await kit.InviteAsync("busy@example.com", "quiet@example.com")).ShouldSucceed().Invitations;
        var listed = (await kit.Manager.ListAsync(kit.Owner, new InvitationQuery(TestKit.AccountId))).ShouldSucceed().Items;
        var read = new List<InvitationView>();
        foreach (var view in invited)
        {
            read.Add((await kit.Manager.GetAsync(kit.Owner, view.Id)).ShouldSucceed());
        }

        foreach (var views in new[] { invited, listed, read })
        {
            var (busy, quiet) = (views.Single(v => v.Email == "busy@example.com"), views.Single(v => v.Email == "quiet@example.com"));
            Assert.Equal((DeliveryState.NotSent, DeliveryState.Sent), (busy.Delivery, quiet.Delivery)); // the residual: the timing
            Assert.NotNull(busy.NextDeliveryAt);
            Assert.Equal(Shown(quiet, nameof(InvitationView.Delivery), nameof(InvitationView.NextDeliveryAt)), Shown(busy, nameof(InvitationView.Delivery), nameof(InvitationView.NextDeliveryAt)));
        }

        // Once the window frees, the dispatcher delivers it, and the two look alike in everything.
        kit.Clock.Advance(Duration.FromHours(1));
        Assert.Equal(1, (await kit.Dispatcher.DispatchAsync()).Sent);
        var after = (await kit.Manager.ListAsync(kit.Owner, new InvitationQuery(TestKit.AccountId))).ShouldSucceed().Items;
        Assert.Equal(Shown(after.Single(v => v.Email == "quiet@example.com")), Shown(after.Single(v => v.Email == "busy@example.com")));

        // Every property an admin sees but the invitation's own id and address, and those left out.
        static string Shown(InvitationView view, params string[] leftOut) => string.Join(" | ", typeof(InvitationView).GetProperties()
            .Where(p => p.Name is not (nameof(InvitationView.Id) or nameof(InvitationView.Email)) && !leftOut.Contains(p.Name))
            .Select(p => $"{p.Name} = {(p.GetValue(view) is IEnumerable<string> list ? string.Join(",", list) : p.GetValue(view))}"));
    }
}
