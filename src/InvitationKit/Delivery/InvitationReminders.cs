using InvitationKit.Diagnostics;
using InvitationKit.Internal;
using InvitationKit.Ports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NodaTime;

namespace InvitationKit.Delivery;

/// <summary>
/// Arms the "expires soon" reminders (rule 23) at the start of each dispatch: an invitation within
/// <see cref="InvitationKitOptions.ReminderLead"/> of its expiry, whose last mail was delivered before that window, is
/// marked reminded, made due for mail, and given a notice to its inviter, in one compare-and-swap. The dispatch that
/// follows sends the mail like any due mail (a fresh secret and code: the earlier link stops working), and the notice
/// outbox the notice. So each is armed at most once per invitation (<see cref="Invitation.RemindedAt"/> is never
/// cleared), two instances never both arm it (the compare-and-swap), and a process that dies after arming leaves mail
/// and notice due for the next dispatch; their delivery is then at least once, as any mail's and notice's.
/// </summary>
internal sealed class InvitationReminders
{
    private readonly IInvitationStore _invitations;
    private readonly IInvitationOutbox _outbox;
    private readonly IAccountDirectory _accounts;
    private readonly IInvitationEventSink _events;
    private readonly IClock _clock;
    private readonly InvitationKitOptions _options;
    private readonly ActivationClaim _claims;
    private readonly bool _notices;
    private readonly ILogger _logger;

    public InvitationReminders(
        IInvitationStore invitations,
        IInvitationOutbox outbox,
        IAccountDirectory accounts,
        IInvitationEventSink events,
        IClock clock,
        IOptions<InvitationKitOptions> options,
        IInvitationNoticeMailer? noticeMailer = null,
        ILogger<InvitationReminders>? logger = null)
    {
        _invitations = Preconditions.NotNull(invitations);
        _outbox = Preconditions.NotNull(outbox);
        _accounts = Preconditions.NotNull(accounts);
        _events = Preconditions.NotNull(events);
        _clock = Preconditions.NotNull(clock);
        _options = Preconditions.NotNull(options).Value;
        _claims = new ActivationClaim(_options.ActivationClaimTimeout);
        _notices = noticeMailer is not null;
        _logger = logger ?? NullLogger<InvitationReminders>.Instance;
    }

    /// <summary>Arms up to <paramref name="limit"/> due reminders; how many it armed.</summary>
    public async Task<int> ArmAsync(int limit, CancellationToken cancellationToken)
    {
        if (_options.ReminderLead is not { } lead)
        {
            return 0;
        }

        var now = _clock.GetCurrentInstant();
        var armed = 0;
        foreach (var due in await _outbox.FindDueForReminderAsync(now, lead, limit, cancellationToken).ConfigureAwait(false))
        {
            // An invitee activating right now keeps the code they have; a disabled account's invitation gets no mail
            // (rule 19). Both are looked at again by the next dispatch, while the window lasts.
            if (cancellationToken.IsCancellationRequested
                || _claims.IsHeld(due, now)
                || await _accounts.FindAsync(due.AccountId, cancellationToken).ConfigureAwait(false) is not { IsDisabled: false })
            {
                continue;
            }

            var notice = _notices && due.NoticeDueAt is null; // a notice already in flight keeps its slot
            var reminded = due with
            {
                RemindedAt = now,
                NextDeliveryAt = now,
                DeliveryAttempts = 0,
                NoticeKind = notice ? InvitationNoticeKind.ReminderToInviter : due.NoticeKind,
                NoticeDueAt = notice ? now : due.NoticeDueAt,
                NoticeAttempts = notice ? 0 : due.NoticeAttempts,
            };
            if (await _invitations.TryUpdateAsync(reminded, cancellationToken).ConfigureAwait(false) is not { } stored)
            {
                continue; // another instance armed it, or it changed: found again if still due
            }

            armed++;
            Log.ReminderArmed(_logger, stored.Id, stored.AccountId, stored.ExpiresAt);
            await _events.PublishOrLogAsync(new InvitationEvent(InvitationEventKind.Reminded, stored.AccountId, stored.Id, stored.UserId, null, now), _logger).ConfigureAwait(false);
        }

        return armed;
    }
}
