using System.Security.Cryptography;
using InvitationKit.Diagnostics;
using InvitationKit.Internal;
using InvitationKit.Limits;
using InvitationKit.Ports;
using InvitationKit.Secrets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NodaTime;

namespace InvitationKit.Delivery;

/// <summary>
/// Hands mail to the mailer (rule 16), for the manager's first attempt and the dispatcher's retries
/// alike. A send never holds a transaction or a lock: the invitation was claimed (its lease written) before, and the
/// outcomes of a whole batch are recorded after, in one store call.
/// </summary>
/// <remarks>
/// Every mail first takes a permit of its recipient's throttle (<see cref="RateLimitedOperation.MailByRecipient"/>),
/// across tenants. A mail over the limit is deferred, not failed: its invitation is rescheduled for when the window
/// frees, by a compare-and-swap that also gives back the attempt its claim counted, so a deferral never brings delivery
/// closer to <see cref="DeliveryState.Failed"/>; the dispatcher sends it then, if it is still pending.
/// </remarks>
internal sealed class InvitationSender
{
    private readonly IInvitationStore _invitations;
    private readonly IInvitationOutbox _outbox;
    private readonly IInvitationMailer _mailer;
    private readonly IInvitationEventSink _events;
    private readonly IInvitationRateLimiter _rateLimiter;
    private readonly SecretIssuer _secrets;
    private readonly SecretHasher _hasher;
    private readonly IClock _clock;
    private readonly InvitationKitOptions _options;
    private readonly ILogger _logger;
    private readonly InvitationKitTelemetry _telemetry;

    public InvitationSender(
        IInvitationStore invitations,
        IInvitationOutbox outbox,
        IInvitationMailer mailer,
        IInvitationEventSink events,
        IInvitationRateLimiter rateLimiter,
        SecretIssuer secrets,
        SecretHasher hasher,
        IClock clock,
        IOptions<InvitationKitOptions> options,
        ILogger<InvitationSender>? logger = null,
        InvitationKitTelemetry? telemetry = null)
    {
        _telemetry = telemetry ?? InvitationKitTelemetry.Unobserved;
        _invitations = Preconditions.NotNull(invitations);
        _outbox = Preconditions.NotNull(outbox);
        _mailer = Preconditions.NotNull(mailer);
        _events = Preconditions.NotNull(events);
        _rateLimiter = Preconditions.NotNull(rateLimiter);
        _secrets = Preconditions.NotNull(secrets);
        _hasher = Preconditions.NotNull(hasher);
        _clock = Preconditions.NotNull(clock);
        _options = Preconditions.NotNull(options).Value;
        _logger = logger ?? NullLogger<InvitationSender>.Instance;
    }

    private InvitationDeliveryOptions Delivery => _options.Delivery;

    /// <summary>The end of the lease a send taken on at <paramref name="now"/> holds.</summary>
    public Instant LeaseEnd(Instant now) => now + Delivery.LeaseTimeout;

    /// <summary>
    /// Hands the mails over, up to <see cref="InvitationDeliveryOptions.MaxConcurrentSends"/> at once, then records every
    /// outcome in one store call. Never throws for a failing mailer, limiter or
    /// store: a failure schedules a retry, and an unrecorded send is taken over by the dispatcher when its lease lapses.
    /// A mail over its recipient's limit is deferred (see the remarks). When <paramref name="cancellationToken"/> fires,
    /// the remaining mails are left to their leases.
    /// </summary>
    /// <returns>
    /// Each invitation with its delivery state as recorded (or left); a deferred one with one attempt fewer than its mail
    /// had, and due when its recipient's window frees.
    /// </returns>
    public async Task<IReadOnlyList<Invitation>> SendAsync(IReadOnlyList<OutgoingMail> mails, CancellationToken cancellationToken)
    {
        var results = new Invitation[mails.Count];
        var outcomes = new (DeliveryRecord? Record, bool GivenUp)[mails.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Delivery.MaxConcurrentSends };
        await Parallel.ForEachAsync(Enumerable.Range(0, mails.Count), parallel, async (i, _) =>
            (results[i], outcomes[i]) = await SendOneAsync(mails[i], cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
        var records = outcomes.Select(o => o.Record).OfType<DeliveryRecord>().ToList();
        var givenUp = mails.Where((_, i) => outcomes[i].GivenUp).Select(mail => mail.Invitation).ToList();
        if (records.Count > 0)
        {
            try
            {
                await _outbox.RecordDeliveriesAsync(records, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                Log.DeliveryNotRecorded(_logger, exception, records.Count);
            }
        }

        foreach (var invitation in givenUp)
        {
            await GiveUpAsync(invitation).ConfigureAwait(false);
        }

        return results;
    }

    /// <summary>
    /// Hands one mail over (after its recipient's throttle), never throwing for a failing mailer or limiter: returns the
    /// invitation as the outcome leaves it, and the outcome to record (none when deferred or cancelled).
    /// </summary>
    private async Task<(Invitation Result, (DeliveryRecord? Record, bool GivenUp) Outcome)> SendOneAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        var invitation = mail.Invitation;
        if (cancellationToken.IsCancellationRequested)
        {
            return (invitation, default); // left to its lease
        }

        DeliveryState state;
        Instant? next = null;
        try
        {
            var permit = await _rateLimiter.AcquireAsync(RateLimitedOperation.MailByRecipient, _hasher.RecipientPartition(invitation.EmailKey), 1, cancellationToken).ConfigureAwait(false);
            if (!permit.Acquired)
            {
                return (await DeferAsync(invitation, permit.RetryAfter ?? _options.RateLimits.MailsPerRecipient.Window).ConfigureAwait(false), default);
            }

            await _mailer.SendAsync(Message(mail), cancellationToken).ConfigureAwait(false);
            state = DeliveryState.Sent;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return (invitation, default);
        }
        catch (Exception exception)
        {
            state = DeliveryState.Failed;
            // A permanent failure (the mailbox refused for good) is given up at once, as after the last attempt.
            next = exception is not PermanentDeliveryException && invitation.DeliveryAttempts < Delivery.MaxAttempts
                ? _clock.GetCurrentInstant() + RetryDelay(invitation.DeliveryAttempts)
                : null;
            Log.MailFailed(_logger, exception, invitation.Id, invitation.DeliveryAttempts, next);
        }
        finally
        {
            mail.Secrets.Dispose(); // the mailer has had them: only the strings it was given remain
        }

        if (state == DeliveryState.Sent || next is not null)
        {
            _telemetry.Mail(state, givenUp: false); // given-up ones are counted by GiveUpAsync
        }

        return (invitation with { Delivery = state, NextDeliveryAt = next }, (new DeliveryRecord(invitation.Id, invitation.SecretHash, state, next), GivenUp: next is null && state == DeliveryState.Failed));
    }

    /// <summary>
    /// Reschedules a mail its recipient's throttle refused for when the window frees, giving back the attempt its claim
    /// counted; the invitation keeps its delivery state. The compare-and-swap fails when the invitation changed since
    /// (revoked, resent): then it is left as it is. A store that fails leaves the mail to its lease.
    /// </summary>
    /// <returns>The invitation as stored after, or as it was.</returns>
    private async Task<Invitation> DeferAsync(Invitation invitation, Duration retryAfter)
    {
        var due = _clock.GetCurrentInstant() + retryAfter;
        Log.MailDeferred(_logger, invitation.Id, due);
        _telemetry.RateLimited(RateLimitedOperation.MailByRecipient);
        try
        {
            var deferred = invitation with { DeliveryAttempts = invitation.DeliveryAttempts - 1, NextDeliveryAt = due };
            return await _invitations.TryUpdateAsync(deferred, CancellationToken.None).ConfigureAwait(false) ?? invitation;
        }
        catch (Exception exception)
        {
            Log.DeliveryNotRecorded(_logger, exception, 1);
            return invitation;
        }
    }

    /// <summary>Logs and publishes that an invitation's mail failed every attempt.</summary>
    public async Task GiveUpAsync(Invitation invitation)
    {
        Log.DeliveryGivenUp(_logger, invitation.Id, invitation.DeliveryAttempts);
        _telemetry.Mail(DeliveryState.Failed, givenUp: true);
        await _events.PublishOrLogAsync(
            new InvitationEvent(InvitationEventKind.DeliveryFailed, invitation.AccountId, invitation.Id, invitation.UserId, null, _clock.GetCurrentInstant()),
            _logger).ConfigureAwait(false);
    }

    /// <summary>Exponential backoff with equal jitter: half the doubled delay, plus up to the other half at random.</summary>
    internal Duration RetryDelay(int attempt)
    {
        var doubled = Delivery.FirstRetryDelay.TotalTicks * Math.Pow(2, Math.Min(attempt - 1, 30));
        var capped = Math.Min(doubled, Delivery.MaxRetryDelay.TotalTicks);
        var jitter = RandomNumberGenerator.GetInt32(1 << 20) / (double)(1 << 20); // System.Random is banned in this assembly
        return Duration.FromTicks((long)(capped / 2 * (1 + jitter)));
    }

    private InvitationMessage Message(OutgoingMail mail)
    {
        var invitation = mail.Invitation;
        return new InvitationMessage
        {
            InvitationId = invitation.Id,
            MessageId = MessageId(invitation.HostDelivered && invitation.OtpHash is { } otpHash ? otpHash : invitation.SecretHash),
            Recipient = EmailAddress.FromStored(invitation.Email, invitation.EmailKey),
            Account = mail.Account,
            Product = mail.Product,
            InvitedBy = invitation.InvitedBy,
            Roles = invitation.Roles,
            GrantsOwner = invitation.GrantsOwner,
            Kind = invitation.Kind,
            Secret = invitation.HostDelivered ? string.Empty : mail.Secrets.SecretText(), // rule 24: the host delivers the link; never mailed
            LinkDeliveredByHost = invitation.HostDelivered,
            OneTimePassword = mail.Secrets.OtpText(),
            OtpExpiresAt = mail.Secrets.OtpHash is null ? null : _secrets.OtpExpiry(invitation),
            ExpiresAt = invitation.ExpiresAt,
            Metadata = invitation.Metadata,
            ReturnUrl = invitation.ReturnUrl,
            Language = invitation.Language,
            IsResend = mail.IsResend,
            IsReminder = mail.IsReminder,
        };
    }

    // One id per issued secret: a one-way digest of its keyed hash, so it reveals nothing and repeats only for this mail.
    // A host-delivered invitation's mail carries only the code, issued afresh for each retry: its id is the code's.
    private static Guid MessageId(SecretHash secretHash)
    {
        Span<byte> hash = stackalloc byte[SecretHash.Size];
        Span<byte> digest = stackalloc byte[32];
        secretHash.CopyTo(hash);
        SHA256.HashData(hash, digest);
        digest[6] = (byte)((digest[6] & 0x0F) | 0x80); // version 8 (custom)
        digest[8] = (byte)((digest[8] & 0x3F) | 0x80); // RFC 9562 variant
        return new Guid(digest[..16], bigEndian: true);
    }
}
