using InvitationKit.Ports;
using InvitationKit.Testing.Conformance;
using InvitationKit.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace InvitationKit.Tests.Attacks;

/// <summary>
/// Issue 21, reminders (rule 23): one "expires soon" mail to the invitee and one notice to the inviter, each at most once
/// per invitation, crash-safe and safe on many instances.
/// </summary>
public abstract partial class AttackTests
{
    private static readonly Duration Lead = Duration.FromHours(48);

    [StoreFact]
    public async Task A_reminder_is_mailed_once_with_a_fresh_link_and_the_inviter_is_told_once()
    {
        await using var kit = await KitAsync(o => o.ReminderLead = Lead);
        kit.Users.AddUser("slow@example.com");
        var id = await kit.InviteOneAsync("slow@example.com");
        var first = kit.SecretFor("slow@example.com");
        Assert.Equal(0, (await kit.Dispatcher.DispatchAsync()).Reminded); // not within the lead yet

        kit.Clock.Advance(kit.Options.InvitationLifetime - Lead + Duration.FromMinutes(1));
        var report = await kit.Dispatcher.DispatchAsync();
        Assert.Equal((1, 1, 1), (report.Reminded, report.Sent, report.NoticesSent));
        var reminder = kit.Mailer.LastTo("slow@example.com");
        Assert.True(reminder.IsReminder);
        Assert.NotEqual(first, reminder.Secret);
        (await kit.Manager.PreviewAsync(first)).ShouldFailWith(InvitationErrorCode.InvitationNotFound); // the earlier link is replaced
        (await kit.Manager.PreviewAsync(reminder.Secret)).ShouldSucceed();
        var notice = Assert.Single(kit.Notices.Sent);
        Assert.Equal((InvitationNoticeKind.ReminderToInviter, id, "owner"), (notice.Kind, notice.InvitationId, notice.RecipientUserIds.Single()));
        Assert.Single(kit.Events.Events, e => e.Kind == InvitationEventKind.Reminded);

        for (var i = 0; i < 3; i++)
        {
            kit.Clock.Advance(Duration.FromHours(6));
            Assert.True((await kit.Dispatcher.DispatchAsync()).IsEmpty);
        }

        Assert.Equal(2, kit.Mailer.Sent.Count(m => m.InvitationId == id));
        Assert.Single(kit.Notices.Sent);
    }

    [StoreFact]
    public async Task Two_dispatchers_racing_send_one_reminder_and_one_notice()
    {
        await using var kit = await KitAsync(o => o.ReminderLead = Lead);
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await kit.InviteOneAsync($"race{i}@example.com"));
        }

        kit.Clock.Advance(kit.Options.InvitationLifetime - Lead + Duration.FromMinutes(1));
        var reports = await Task.WhenAll(kit.Dispatcher.DispatchAsync(), kit.OtherDispatcher().DispatchAsync(), kit.OtherDispatcher().DispatchAsync());
        Assert.Equal(5, reports.Sum(r => r.Reminded));
        foreach (var id in ids)
        {
            Assert.Single(kit.Mailer.Sent, m => m.InvitationId == id && m.IsReminder);
            Assert.Single(kit.Notices.Sent, n => n.InvitationId == id);
        }
    }

    [StoreFact]
    public async Task A_dispatcher_that_dies_after_arming_a_reminder_leaves_its_mail_and_notice_to_the_next()
    {
        await using var kit = await KitAsync(o => o.ReminderLead = Lead);
        var id = await kit.InviteOneAsync("crashed@example.com");
        kit.Clock.Advance(kit.Options.InvitationLifetime - Lead + Duration.FromMinutes(1));
        var now = kit.Clock.GetCurrentInstant();

        // The arming write as the kit makes it; the process dies before sending anything.
        var due = Assert.Single(await kit.Port.Outbox.FindDueForReminderAsync(now, Lead, 10, default));
        Assert.NotNull(await kit.Port.Invitations.TryUpdateAsync(
            due with { RemindedAt = now, NextDeliveryAt = now, DeliveryAttempts = 0, NoticeKind = InvitationNoticeKind.ReminderToInviter, NoticeDueAt = now }, default));

        var report = await kit.Dispatcher.DispatchAsync();
        Assert.Equal((0, 1, 1), (report.Reminded, report.Sent, report.NoticesSent));
        Assert.True(kit.Mailer.LastTo("crashed@example.com").IsReminder);
        Assert.Equal(id, Assert.Single(kit.Notices.Sent).InvitationId);
    }

    [StoreFact]
    public async Task A_recently_resent_a_failing_or_a_declined_invitation_is_not_reminded()
    {
        await using var kit = await KitAsync(o => o.ReminderLead = Lead);
        var resent = await kit.InviteOneAsync("resent@example.com");
        await kit.InviteOneAsync("declined@example.com");
        (await kit.Manager.RejectAsync(kit.SecretFor("declined@example.com"))).ShouldSucceed();
        kit.Mailer.FailWhen = m => m.Recipient.Key == "failing@example.com";
        await kit.InviteOneAsync("failing@example.com");

        kit.Clock.Advance(kit.Options.InvitationLifetime - Lead + Duration.FromMinutes(1));
        (await kit.Manager.ResendAsync(kit.Owner, resent)).ShouldSucceed(); // within the window: as good as a reminder
        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(0, (await kit.Dispatcher.DispatchAsync()).Reminded);
            kit.Clock.Advance(Duration.FromHours(1));
        }

        Assert.DoesNotContain(kit.Mailer.Sent, m => m.IsReminder);
        Assert.Empty(kit.Notices.Sent);
    }

    [StoreFact]
    public async Task Reminders_are_off_by_default()
    {
        await using var kit = await KitAsync();
        await kit.InviteOneAsync("default@example.com");
        kit.Clock.Advance(kit.Options.InvitationLifetime - Duration.FromHours(1));
        Assert.True((await kit.Dispatcher.DispatchAsync()).IsEmpty);
        Assert.Null(kit.Options.ReminderLead);
    }

    [Fact]
    public async Task A_reminder_lead_as_long_as_the_invitation_is_refused()
    {
        var exception = await Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            await using var kit = await TestKit.CreateAsync(o => o.ReminderLead = o.InvitationLifetime, seed: false);
            _ = kit.Options;
        });
        Assert.Contains(exception.Failures, f => f.StartsWith("InvitationKitOptions.ReminderLead must be null", StringComparison.Ordinal));
    }
}
