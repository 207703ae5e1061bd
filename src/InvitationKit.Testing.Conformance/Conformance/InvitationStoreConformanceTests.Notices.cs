using InvitationKit.Ports;
using NodaTime;
using Xunit;

namespace InvitationKit.Testing.Conformance;

/// <summary>
/// The notice outbox (rules 22 and 23): the invitation row carries its notice's schedule, found due whatever the
/// invitation's status, and claimed by the compare-and-swap of <see cref="IInvitationStore.TryUpdateAsync"/>.
/// </summary>
public abstract partial class InvitationStoreConformanceTests
{
    /// <summary>
    /// The notice columns are stored and read back as written, and only rows whose notice time has come are due, of any
    /// status, earliest first.
    /// </summary>
    [StoreFact]
    public async Task Notices_are_due_when_their_time_has_come_whatever_the_invitations_status()
    {
        var now = T0 + Duration.FromHours(1);
        var revoked = NewInvitation("acme", "revoked@example.com");
        var expired = NewInvitation("acme", "expired@example.com") with { ExpiresAt = T0 + Duration.FromMinutes(5) };
        var future = NewInvitation("acme", "future@example.com");
        var none = NewInvitation("acme", "none@example.com");
        await InsertAsync("acme", 10, revoked, expired, future, none).ConfigureAwait(false);
        var queued = await Invitations.TryUpdateAsync(revoked with
        {
            Status = InvitationStatus.Revoked,
            ResolvedAt = T0,
            NoticeKind = InvitationNoticeKind.NewInvitationRequested,
            NoticeDueAt = now - Duration.FromMinutes(1),
            NoticeAttempts = 2,
            NewInvitationRequestedAt = T0 + Duration.FromMinutes(3),
            RemindedAt = T0 + Duration.FromMinutes(4),
        }, default).ConfigureAwait(false);
        Assert.NotNull(queued);
        Assert.NotNull(await Invitations.TryUpdateAsync(expired with { NoticeKind = InvitationNoticeKind.ReminderToInviter, NoticeDueAt = now - Duration.FromMinutes(30) }, default).ConfigureAwait(false));
        Assert.NotNull(await Invitations.TryUpdateAsync(future with { NoticeKind = InvitationNoticeKind.ReminderToInviter, NoticeDueAt = now + Duration.FromTicks(1) }, default).ConfigureAwait(false));

        Assert.Equal([expired.Id, revoked.Id], (await Outbox.FindDueNoticesAsync(now, 10, default).ConfigureAwait(false)).Select(i => i.Id));
        Assert.Equal([expired.Id], (await Outbox.FindDueNoticesAsync(now, 1, default).ConfigureAwait(false)).Select(i => i.Id));
        static object Notice(Invitation? i) => (i!.NoticeKind, i.NoticeDueAt, i.NoticeAttempts, i.NewInvitationRequestedAt, i.RemindedAt, i.Status, i.Revision);
        Assert.Equal(Notice(queued), Notice(await Invitations.FindByIdAsync(revoked.Id, default).ConfigureAwait(false)));
        Assert.Equal(Notice(none), Notice(await Invitations.FindByIdAsync(none.Id, default).ConfigureAwait(false))); // none: no notice, never asked, never reminded
    }

    /// <summary>
    /// Many dispatchers that found the same due notice each try to claim it (one more attempt, the lease as its due
    /// time) at the revision they read: exactly one claim is stored, and the notice is not due again until its lease ends.
    /// </summary>
    [StoreFact]
    public async Task A_due_notice_is_claimed_once_by_racing_dispatchers()
    {
        var lease = T0 + Duration.FromMinutes(2);
        var invitation = NewInvitation("acme", "a@example.com");
        await InsertAsync("acme", 10, invitation).ConfigureAwait(false);
        Assert.NotNull(await Invitations.TryUpdateAsync(invitation with { NoticeKind = InvitationNoticeKind.NewInvitationRequested, NoticeDueAt = T0 }, default).ConfigureAwait(false));
        var stores = await OpenManyAsync().ConfigureAwait(false);
        var due = new Invitation[stores.Length];
        for (var i = 0; i < stores.Length; i++)
        {
            due[i] = Assert.Single(await stores[i].Outbox.FindDueNoticesAsync(T0, 10, default).ConfigureAwait(false));
        }

        var claims = await RaceAsync<Invitation?>(stores, (store, worker) =>
            [store.Invitations.TryUpdateAsync(due[worker] with { NoticeAttempts = due[worker].NoticeAttempts + 1, NoticeDueAt = lease }, default)]).ConfigureAwait(false);
        Assert.Single(claims, c => c is not null);
        Assert.Empty(await Outbox.FindDueNoticesAsync(lease - Duration.FromTicks(1), 10, default).ConfigureAwait(false));
        var again = Assert.Single(await Outbox.FindDueNoticesAsync(lease, 10, default).ConfigureAwait(false)); // its claimer died: due after the lease
        Assert.Equal(1, again.NoticeAttempts);
    }

    /// <summary>
    /// Due for the "expires soon" reminder (rule 23): pending, expiring within the lead and not yet, never reminded, its
    /// last mail sent and none due, not delivered by the host, and last issued before the window opened; earliest expiry
    /// first.
    /// </summary>
    [StoreFact]
    public async Task Invitations_are_due_for_a_reminder_within_the_lead_once_and_only_after_a_delivered_mail()
    {
        var lead = Duration.FromHours(48);
        var now = T0 + Duration.FromDays(6); // invitations expire at T0 + 7 days: a day from now
        Invitation Sent(string email) => NewInvitation("acme", email) with { Delivery = DeliveryState.Sent };
        var due = Sent("due@example.com");
        var sooner = Sent("sooner@example.com") with { ExpiresAt = now + Duration.FromHours(1) };
        var later = Sent("later@example.com") with { ExpiresAt = now + lead + Duration.FromTicks(1) };
        var expired = Sent("expired@example.com") with { ExpiresAt = now };
        var reminded = Sent("reminded@example.com") with { RemindedAt = now - Duration.FromHours(1) };
        var inFlight = Sent("in-flight@example.com") with { NextDeliveryAt = now + Duration.FromMinutes(2) };
        var failed = Sent("failed@example.com") with { Delivery = DeliveryState.Failed };
        var resent = Sent("resent@example.com") with { IssuedAt = T0 + Duration.FromDays(5) + Duration.FromTicks(1) }; // issued within the window
        var revoked = Sent("revoked@example.com");
        var handed = Sent("handed@example.com") with { HostDelivered = true }; // the host has its link: never re-issued (rule 24)
        await InsertAsync("acme", 20, due, sooner, later, expired, reminded, inFlight, failed, resent, revoked, handed).ConfigureAwait(false);
        Assert.NotNull(await Invitations.TryUpdateAsync(revoked with { Status = InvitationStatus.Revoked, ResolvedAt = T0 }, default).ConfigureAwait(false));

        Assert.Equal([sooner.Id, due.Id], (await Outbox.FindDueForReminderAsync(now, lead, 10, default).ConfigureAwait(false)).Select(i => i.Id));
        Assert.Equal([sooner.Id], (await Outbox.FindDueForReminderAsync(now, lead, 1, default).ConfigureAwait(false)).Select(i => i.Id));

        // Armed (reminded, mail due): no longer due for a reminder, and due for mail.
        var read = Assert.Single(await Outbox.FindDueForReminderAsync(now, lead, 10, default).ConfigureAwait(false), i => i.Id == due.Id);
        Assert.NotNull(await Invitations.TryUpdateAsync(read with { RemindedAt = now, NextDeliveryAt = now }, default).ConfigureAwait(false));
        Assert.Equal([sooner.Id], (await Outbox.FindDueForReminderAsync(now, lead, 10, default).ConfigureAwait(false)).Select(i => i.Id));
        Assert.Contains(due.Id, (await Outbox.FindDueForDeliveryAsync(now, 10, default).ConfigureAwait(false)).Select(i => i.Id));
    }
}
