using System.Diagnostics;
using InvitationKit.Diagnostics;
using InvitationKit.Internal;
using InvitationKit.Ports;
using InvitationKit.Products;
using InvitationKit.Secrets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NodaTime;

namespace InvitationKit.Delivery;

/// <summary>
/// Drains the outbox a chunk at a time: claims the chunk's due invitations in one store call, a compare-and-swap per
/// invitation (issuing a fresh secret and code — only a code for a host-delivered invitation — and writing its lease in the same step), sends the chunk, and records its
/// outcomes at once: three round trips per chunk of up to 100 mails, the sends aside.
/// </summary>
internal sealed class InvitationDispatcher : IInvitationDispatcher
{
    // Claims are taken a chunk at a time, so a long drain never holds leases it will not reach before they lapse.
    private const int ChunkSize = 100;

    private readonly IInvitationStore _invitations;
    private readonly IInvitationOutbox _outbox;
    private readonly IAccountDirectory _accounts;
    private readonly IProductCatalog _products;
    private readonly InvitationSender _sender;
    private readonly InvitationNoticeSender _notices;
    private readonly InvitationReminders _reminders;
    private readonly SecretIssuer _secrets;
    private readonly ActivationClaim _claims;
    private readonly IClock _clock;
    private readonly InvitationKitOptions _options;
    private readonly ILogger _logger;
    private readonly InvitationKitTelemetry _telemetry;

    public InvitationDispatcher(
        IInvitationStore invitations,
        IInvitationOutbox outbox,
        IAccountDirectory accounts,
        IProductCatalog products,
        InvitationSender sender,
        InvitationNoticeSender notices,
        InvitationReminders reminders,
        SecretIssuer secrets,
        IClock clock,
        IOptions<InvitationKitOptions> options,
        ILogger<InvitationDispatcher>? logger = null,
        InvitationKitTelemetry? telemetry = null)
    {
        _telemetry = telemetry ?? InvitationKitTelemetry.Unobserved;
        _invitations = Preconditions.NotNull(invitations);
        _outbox = Preconditions.NotNull(outbox);
        _accounts = Preconditions.NotNull(accounts);
        _products = Preconditions.NotNull(products);
        _sender = Preconditions.NotNull(sender);
        _notices = Preconditions.NotNull(notices);
        _reminders = Preconditions.NotNull(reminders);
        _secrets = Preconditions.NotNull(secrets);
        _clock = Preconditions.NotNull(clock);
        _options = Preconditions.NotNull(options).Value;
        _claims = new ActivationClaim(_options.ActivationClaimTimeout);
        _logger = logger ?? NullLogger<InvitationDispatcher>.Instance;
    }

    public async Task<DispatchReport> DispatchAsync(int maxMessages = 100, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxMessages, 1000);
        using var activity = InvitationKitTelemetry.Start("dispatch");
        var started = Stopwatch.GetTimestamp();
        try
        {
            var report = await DrainAsync(maxMessages, cancellationToken).ConfigureAwait(false);
            activity?.SetTag("invitationkit.dispatch.sent", report.Sent);
            activity?.SetTag("invitationkit.dispatch.retrying", report.Retrying);
            activity?.SetTag("invitationkit.dispatch.given_up", report.GivenUp);
            activity?.SetTag("invitationkit.dispatch.deferred", report.Deferred);
            _telemetry.Completed("dispatch", activity, started, null);
            return report;
        }
        catch (Exception exception)
        {
            _telemetry.Completed("dispatch", activity, started, null, exception);
            throw;
        }
    }

    private async Task<DispatchReport> DrainAsync(int maxMessages, CancellationToken cancellationToken)
    {
        // Reminders first (rule 23): an armed reminder is due mail, sent by this very dispatch.
        var report = new DispatchReport { Reminded = await PassAsync("reminders", () => _reminders.ArmAsync(maxMessages, cancellationToken)).ConfigureAwait(false) };
        var now = _clock.GetCurrentInstant();
        var due = await _outbox.FindDueForDeliveryAsync(now, maxMessages, cancellationToken).ConfigureAwait(false);
        _telemetry.OutboxObserved(due, now);
        var directories = new Directories(_accounts, _products); // each account and product is looked up once per dispatch
        foreach (var chunk in due.Chunk(ChunkSize))
        {
            if (cancellationToken.IsCancellationRequested)
            {
                break;
            }

            var mails = new List<OutgoingMail>(chunk.Length);
            using var clearSecrets = new DisposeAll(mails.Select(mail => mail.Secrets)); // the chunk's secrets, zeroed on the way out
            var (givenUp, held, skipped) = await ClaimAsync(chunk, directories, mails, cancellationToken).ConfigureAwait(false);
            report = report with { GivenUp = report.GivenUp + givenUp, Deferred = report.Deferred + held, Skipped = report.Skipped + skipped };
            var results = await _sender.SendAsync(mails, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < mails.Count; i++)
            {
                var sent = results[i];
                report = sent.Delivery switch
                {
                    _ when ReferenceEquals(sent, mails[i].Invitation) => report, // left to its lease by a cancellation
                    DeliveryState.Sent => report with { Sent = report.Sent + 1 },
                    _ when sent.DeliveryAttempts < mails[i].Invitation.DeliveryAttempts => report with { Deferred = report.Deferred + 1 }, // its attempt given back
                    _ when sent.NextDeliveryAt is null => report with { GivenUp = report.GivenUp + 1 },
                    _ => report with { Retrying = report.Retrying + 1 },
                };
            }
        }

        if (!cancellationToken.IsCancellationRequested)
        {
            var (noticesSent, noticesFailed) = await PassAsync("notices", () => _notices.DispatchAsync(maxMessages, cancellationToken)).ConfigureAwait(false);
            report = report with { NoticesSent = noticesSent, NoticesFailed = noticesFailed };
        }

        if (!report.IsEmpty)
        {
            Log.Dispatched(_logger, report.Sent, report.Retrying, report.GivenUp, report.Deferred, report.Skipped);
        }

        return report;
    }

    /// <summary>
    /// Runs the reminders' or the notices' pass (rules 22, 23) so that its failure never fails the dispatch: what it
    /// stored stays stored (each step is a compare-and-swap of its own), the mail is sent regardless, and the next
    /// dispatch goes on with the rest.
    /// </summary>
    private async Task<T> PassAsync<T>(string pass, Func<Task<T>> run)
        where T : struct
    {
        try
        {
            return await run().ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            Log.NoticePassFailed(_logger, exception, pass);
            return default;
        }
    }

    /// <summary>
    /// Takes a chunk of due invitations over: issues fresh secrets for each and writes them with a new lease in one store
    /// call (a compare-and-swap per invitation), adding the mail of each one claimed to <paramref name="mails"/>. An
    /// invitation whose attempts are spent (its last sender died) or whose account or invitable product is gone has its
    /// delivery marked failed for good instead. Invitations changed meanwhile, no longer live at the claim's own instant
    /// (expired since they were found due), or held by an activation, are skipped. The mail of an account the host
    /// disabled is held (rule 19): rescheduled, with no attempt spent and no secret issued, until the account is enabled
    /// again or the invitation ends.
    /// </summary>
    /// <returns>How many were given up, held for a disabled account, and skipped.</returns>
    private async Task<(int GivenUp, int Held, int Skipped)> ClaimAsync(Invitation[] chunk, Directories directories, List<OutgoingMail> mails, CancellationToken cancellationToken)
    {
        var now = _clock.GetCurrentInstant();
        var (givenUp, held, skipped) = (0, 0, 0);
        var leases = new Dictionary<Guid, (Invitation Lease, IssuedSecrets Secrets, AccountInfo Account, ProductInfo Product, bool IsResend, bool IsReminder)>();
        try
        {
            foreach (var due in chunk)
            {
                if (InvitationStatusMachine.EffectiveStatus(due, now) != InvitationStatus.Pending || _claims.IsHeld(due, now)
                    || due is { HostDelivered: true, Kind: not InvitationKind.NewUser })
                {
                    // (A host-delivered existing user's invitation has no mail at all: its link is the host's, never mailed.)
                    // Expired after it was found due (a dead invitation's secret is never mailed), or the invitee is
                    // activating with the code already mailed (never change it under them).
                    skipped++;
                    continue;
                }

                var (account, product) = await directories.FindAsync(due, cancellationToken).ConfigureAwait(false);
                if (due.DeliveryAttempts >= _options.Delivery.MaxAttempts || account is null || product is null)
                {
                    if (await GiveUpAsync(due, cancellationToken).ConfigureAwait(false))
                    {
                        givenUp++;
                    }
                    else
                    {
                        skipped++;
                    }

                    continue;
                }

                if (account.IsDisabled)
                {
                    if (await HoldAsync(due, now, cancellationToken).ConfigureAwait(false))
                    {
                        held++;
                    }
                    else
                    {
                        skipped++;
                    }

                    continue;
                }

                // Rule 24: a host-delivered new user's mail carries only the code; a fresh code, and the host's link kept.
                var secrets = due.HostDelivered ? _secrets.IssueCode(due) : _secrets.Issue(due.Id, due.Kind);
                var lease = secrets.ApplyTo(due, now) with { DeliveryAttempts = due.DeliveryAttempts + 1, NextDeliveryAt = _sender.LeaseEnd(now) };
                leases[due.Id] = (lease, secrets, account, product, IsResend: due.SendCount > 1, IsReminder: due.RemindedAt is not null);
            }

            var claimed = leases.Count == 0 ? [] : await _outbox.ClaimForDeliveryAsync([.. leases.Values.Select(l => l.Lease)], cancellationToken).ConfigureAwait(false);
            var stored = claimed.ToDictionary(c => c.Id);
            foreach (var due in chunk)
            {
                if (stored.TryGetValue(due.Id, out var invitation) && leases.Remove(due.Id, out var lease))
                {
                    mails.Add(new OutgoingMail(invitation, lease.Secrets, lease.Account, lease.Product, lease.IsResend, lease.IsReminder));
                }
            }

            return (givenUp, held, skipped + leases.Count);
        }
        finally
        {
            foreach (var unclaimed in leases.Values)
            {
                unclaimed.Secrets.Dispose(); // never mailed: zeroed at once
            }
        }
    }

    /// <summary>
    /// Looks at a disabled account's due mail again later, like a retry; false when it changed meanwhile (the
    /// compare-and-swap keeps a concurrent change, a revoke say, as it is).
    /// </summary>
    private async Task<bool> HoldAsync(Invitation due, Instant now, CancellationToken cancellationToken)
    {
        var next = now + _options.Delivery.FirstRetryDelay;
        if (await _invitations.TryUpdateAsync(due with { NextDeliveryAt = next }, cancellationToken).ConfigureAwait(false) is null)
        {
            return false;
        }

        Log.MailHeld(_logger, due.Id, due.AccountId, next);
        return true;
    }

    /// <summary>Marks a due invitation's delivery failed for good; false when it changed meanwhile.</summary>
    private async Task<bool> GiveUpAsync(Invitation due, CancellationToken cancellationToken)
    {
        if (await _invitations.TryUpdateAsync(due with { Delivery = DeliveryState.Failed, NextDeliveryAt = null }, cancellationToken).ConfigureAwait(false) is not { } failed)
        {
            return false;
        }

        await _sender.GiveUpAsync(failed).ConfigureAwait(false);
        return true;
    }

    /// <summary>The account and the invitable product of each due invitation (null: none), read once per dispatch.</summary>
    private sealed class Directories(IAccountDirectory accounts, IProductCatalog products)
    {
        private readonly Dictionary<string, AccountInfo?> _accounts = new(StringComparer.Ordinal);
        private readonly Dictionary<string, ProductInfo?> _products = new(StringComparer.Ordinal);

        public async Task<(AccountInfo? Account, ProductInfo? Product)> FindAsync(Invitation invitation, CancellationToken cancellationToken)
        {
            if (!_accounts.TryGetValue(invitation.AccountId, out var account))
            {
                _accounts[invitation.AccountId] = account = await accounts.FindAsync(invitation.AccountId, cancellationToken).ConfigureAwait(false);
            }

            if (!_products.TryGetValue(invitation.ProductId, out var product))
            {
                // The invite's product rules: a product gone, or now single-account, gets no more mail.
                _products[invitation.ProductId] = product = (await InvitableProduct.FindAsync(products, invitation.ProductId, cancellationToken).ConfigureAwait(false)).ValueOrDefault;
            }

            return (account, product);
        }
    }
}
