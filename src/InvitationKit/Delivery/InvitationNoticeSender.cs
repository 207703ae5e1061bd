using System.Security.Cryptography;
using InvitationKit.Diagnostics;
using InvitationKit.Internal;
using InvitationKit.Permissions;
using InvitationKit.Ports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NodaTime;

namespace InvitationKit.Delivery;

/// <summary>
/// The notice outbox (rules 22 and 23): sends the notices to inviters that are due. Each is claimed by a compare-and-swap
/// on its invitation (one more attempt, and a lease as its due time), so two dispatchers never both send it, and a claim
/// whose holder died lapses after <see cref="InvitationDeliveryOptions.LeaseTimeout"/>: then it is sent again (a notice
/// is at least once, as mail is). A failed notice is retried with the mail's backoff, and given up after
/// <see cref="InvitationDeliveryOptions.MaxAttempts"/>, on a <see cref="PermanentDeliveryException"/>, or when there is
/// nobody to tell (the account gone or disabled, no manager left).
/// </summary>
internal sealed class InvitationNoticeSender
{
    // The most managers told when the inviter cannot act, and the most members read to find them.
    private const int MaxRecipients = 20;
    private const int MembersPage = 200;
    private const int MaxMembersRead = 2000;

    private readonly IInvitationStore _invitations;
    private readonly IInvitationOutbox _outbox;
    private readonly IMemberStore _members;
    private readonly IAccountDirectory _accounts;
    private readonly InvitationSender _sender;
    private readonly IClock _clock;
    private readonly InvitationDeliveryOptions _delivery;
    private readonly IInvitationNoticeMailer? _mailer;
    private readonly ILogger _logger;

    public InvitationNoticeSender(
        IInvitationStore invitations,
        IInvitationOutbox outbox,
        IMemberStore members,
        IAccountDirectory accounts,
        InvitationSender sender,
        IClock clock,
        IOptions<InvitationKitOptions> options,
        IInvitationNoticeMailer? mailer = null,
        ILogger<InvitationNoticeSender>? logger = null)
    {
        _invitations = Preconditions.NotNull(invitations);
        _outbox = Preconditions.NotNull(outbox);
        _members = Preconditions.NotNull(members);
        _accounts = Preconditions.NotNull(accounts);
        _sender = Preconditions.NotNull(sender);
        _clock = Preconditions.NotNull(clock);
        _delivery = Preconditions.NotNull(options).Value.Delivery;
        _mailer = mailer;
        _logger = logger ?? NullLogger<InvitationNoticeSender>.Instance;
    }

    /// <summary>Whether notices can be sent: the host registered an <see cref="IInvitationNoticeMailer"/>.</summary>
    public bool IsEnabled => _mailer is not null;

    /// <summary>Sends up to <paramref name="limit"/> due notices, one at a time.</summary>
    /// <returns>How many were sent, and how many failed (to be retried, or given up).</returns>
    public async Task<(int Sent, int Failed)> DispatchAsync(int limit, CancellationToken cancellationToken)
    {
        if (_mailer is null)
        {
            return default;
        }

        var (sent, failed) = (0, 0);
        foreach (var due in await _outbox.FindDueNoticesAsync(_clock.GetCurrentInstant(), limit, cancellationToken).ConfigureAwait(false))
        {
            if (cancellationToken.IsCancellationRequested)
            {
                break;
            }

            switch (await SendAsync(_mailer, due, cancellationToken).ConfigureAwait(false))
            {
                case true:
                    sent++;
                    break;
                case false:
                    failed++;
                    break;
            }
        }

        return (sent, failed);
    }

    /// <summary>Claims one due notice and sends it; true when sent, false when failed, null when another took it or it was cancelled.</summary>
    private async Task<bool?> SendAsync(IInvitationNoticeMailer mailer, Invitation due, CancellationToken cancellationToken)
    {
        var now = _clock.GetCurrentInstant();
        if (due.NoticeAttempts >= _delivery.MaxAttempts)
        {
            // Its last sender died after claiming it: given up, as mail is.
            return await GiveUpAsync(due, "every attempt was spent").ConfigureAwait(false) ? false : null;
        }

        var claim = due with { NoticeAttempts = due.NoticeAttempts + 1, NoticeDueAt = now + _delivery.LeaseTimeout };
        if (await _invitations.TryUpdateAsync(claim, cancellationToken).ConfigureAwait(false) is not { } claimed)
        {
            return null; // another dispatcher claimed it, or the invitation changed: found again on the next dispatch
        }

        var account = await _accounts.FindAsync(claimed.AccountId, cancellationToken).ConfigureAwait(false);
        var recipients = account is { IsDisabled: false } ? await RecipientsAsync(claimed, cancellationToken).ConfigureAwait(false) : [];
        if (account is not { IsDisabled: false } || recipients.Count == 0)
        {
            return await GiveUpAsync(claimed, account is null ? "the account is gone" : account.IsDisabled ? "the account is disabled" : "nobody can manage the account").ConfigureAwait(false) ? false : null;
        }

        try
        {
            await mailer.SendAsync(Notice(claimed, account, recipients, now), cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return null; // left to its lease
        }
        catch (Exception exception)
        {
            Instant? next = exception is not PermanentDeliveryException && claimed.NoticeAttempts < _delivery.MaxAttempts
                ? _clock.GetCurrentInstant() + _sender.RetryDelay(claimed.NoticeAttempts)
                : null;
            Log.NoticeFailed(_logger, exception, claimed.Id, claimed.NoticeAttempts, next);
            await RecordAsync(claimed, next).ConfigureAwait(false);
            return false;
        }

        Log.NoticeSent(_logger, claimed.NoticeKind ?? default, claimed.Id, recipients.Count);
        await RecordAsync(claimed, next: null).ConfigureAwait(false);
        return true;
    }

    /// <summary>Marks a notice given up (nothing more due); false when the invitation changed meanwhile.</summary>
    private async Task<bool> GiveUpAsync(Invitation invitation, string reason)
    {
        Log.NoticeGivenUp(_logger, invitation.Id, reason);
        return await RecordAsync(invitation, null).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes the notice's next due time (null: nothing more) by compare-and-swap. When the invitation changed since the
    /// claim (the expiry sweep marked it, say), the outcome is written on the fresh row as long as the notice is still
    /// the one claimed; a notice that moved on is left as it is. A store that fails leaves the notice to its lease.
    /// </summary>
    private async Task<bool> RecordAsync(Invitation claimed, Instant? next)
    {
        var current = claimed;
        try
        {
            for (var attempt = 0; attempt < InvitationManager.MaxConcurrencyRetries; attempt++)
            {
                if (await _invitations.TryUpdateAsync(current with { NoticeDueAt = next }, CancellationToken.None).ConfigureAwait(false) is not null)
                {
                    return true;
                }

                current = await _invitations.FindByIdAsync(claimed.Id, CancellationToken.None).ConfigureAwait(false);
                if (current is null || current.NoticeAttempts != claimed.NoticeAttempts || current.NoticeDueAt != claimed.NoticeDueAt)
                {
                    return false;
                }
            }
        }
        catch (Exception exception)
        {
            Log.DeliveryNotRecorded(_logger, exception, 1);
        }

        return false;
    }

    /// <summary>
    /// Who to tell: the inviter while they may manage the account (an owner or a user admin), else its managers. A system
    /// administrator's invitation (the inviter no member) goes to the managers too.
    /// </summary>
    private async Task<IReadOnlyList<string>> RecipientsAsync(Invitation invitation, CancellationToken cancellationToken)
    {
        var inviter = await _members.FindMemberAsync(invitation.AccountId, invitation.InvitedBy, cancellationToken).ConfigureAwait(false);
        if (AccountAccess.For(new Actor(invitation.InvitedBy), inviter).CanManage)
        {
            return [invitation.InvitedBy];
        }

        var managers = new List<string>();
        for (var offset = 0; offset < MaxMembersRead && managers.Count < MaxRecipients; offset += MembersPage)
        {
            var page = await _members.ListMembersAsync(invitation.AccountId, offset, MembersPage, cancellationToken).ConfigureAwait(false);
            managers.AddRange(page.Items.Where(m => AccountAccess.For(new Actor(m.UserId), m).CanManage).Select(m => m.UserId));
            if (page.Items.Count < MembersPage)
            {
                break;
            }
        }

        return managers.Take(MaxRecipients).ToArray();
    }

    private static InvitationNotice Notice(Invitation invitation, AccountInfo account, IReadOnlyList<string> recipients, Instant now) => new()
    {
        Kind = invitation.NoticeKind ?? InvitationNoticeKind.NewInvitationRequested,
        MessageId = MessageId(invitation),
        RecipientUserIds = recipients,
        InvitationId = invitation.Id,
        Account = account,
        ProductId = invitation.ProductId,
        InviteeEmail = invitation.Email,
        InvitedBy = invitation.InvitedBy,
        ExpiresAt = invitation.ExpiresAt,
        Status = InvitationStatusMachine.EffectiveStatus(invitation, now),
    };

    /// <summary>The same id for every attempt of one notice: the invitation's id and the notice's kind, hashed.</summary>
    private static Guid MessageId(Invitation invitation)
    {
        Span<byte> input = stackalloc byte[17];
        invitation.Id.TryWriteBytes(input);
        input[16] = (byte)(invitation.NoticeKind ?? default);
        return new Guid(SHA256.HashData(input)[..16]);
    }
}
