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
/// Drains the outbox: claims each due invitation by compare-and-swap (issuing a fresh secret and code, and writing its
/// lease in the same step), sends a chunk, and records the chunk's outcomes at once.
/// </summary>
internal sealed class InvitationDispatcher : IInvitationDispatcher
{
    // Claims are taken a chunk at a time, so a long drain never holds leases it will not reach before they lapse.
    private const int ChunkSize = 20;

    private readonly IInvitationStore _invitations;
    private readonly IInvitationOutbox _outbox;
    private readonly IAccountDirectory _accounts;
    private readonly IProductCatalog _products;
    private readonly InvitationSender _sender;
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
        SecretIssuer secrets,
        IClock clock,
        IOptions<InvitationKitOptions> options,
        ILoggerFactory? loggerFactory = null,
        InvitationKitTelemetry? telemetry = null)
    {
        _telemetry = telemetry ?? InvitationKitTelemetry.Unobserved;
        _invitations = Preconditions.NotNull(invitations);
        _outbox = Preconditions.NotNull(outbox);
        _accounts = Preconditions.NotNull(accounts);
        _products = Preconditions.NotNull(products);
        _sender = Preconditions.NotNull(sender);
        _secrets = Preconditions.NotNull(secrets);
        _clock = Preconditions.NotNull(clock);
        _options = Preconditions.NotNull(options).Value;
        _claims = new ActivationClaim(_options.ActivationClaimTimeout);
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<InvitationDispatcher>();
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
        var now = _clock.GetCurrentInstant();
        var due = await _outbox.FindDueForDeliveryAsync(now, maxMessages, cancellationToken).ConfigureAwait(false);
        _telemetry.OutboxObserved(due, now);
        var report = default(DispatchReport);
        var directories = new Directories(_accounts, _products); // each account and product is looked up once per dispatch
        foreach (var chunk in due.Chunk(ChunkSize))
        {
            if (cancellationToken.IsCancellationRequested)
            {
                break;
            }

            var mails = new List<OutgoingMail>(chunk.Length);
            using var clearSecrets = new DisposeAll(mails.Select(mail => mail.Secrets)); // the chunk's secrets, zeroed on the way out
            foreach (var invitation in chunk)
            {
                switch (await ClaimAsync(invitation, directories, cancellationToken).ConfigureAwait(false))
                {
                    case { Mail: { } mail }:
                        mails.Add(mail);
                        break;
                    case { GivenUp: true }:
                        report = report with { GivenUp = report.GivenUp + 1 };
                        break;
                    case { Held: true }:
                        report = report with { Deferred = report.Deferred + 1 };
                        break;
                    default:
                        report = report with { Skipped = report.Skipped + 1 };
                        break;
                }
            }

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

        if (!report.IsEmpty)
        {
            Log.Dispatched(_logger, report.Sent, report.Retrying, report.GivenUp, report.Deferred, report.Skipped);
        }

        return report;
    }

    /// <summary>
    /// Takes a due invitation over: issues fresh secrets and writes them with a new lease in one compare-and-swap, or,
    /// when its attempts are spent (its last sender died) or its account or invitable product is gone, marks its delivery
    /// failed for good. Invitations changed meanwhile, no longer live at the claim's own instant (expired since they were
    /// found due), or held by an activation, are skipped. The mail of an account the host disabled is held (rule 19):
    /// rescheduled, with no attempt spent and no secret issued, until the account is enabled again or the invitation ends.
    /// </summary>
    private async Task<Claim> ClaimAsync(Invitation due, Directories directories, CancellationToken cancellationToken)
    {
        var now = _clock.GetCurrentInstant();
        if (InvitationStatusMachine.EffectiveStatus(due, now) != InvitationStatus.Pending)
        {
            return default; // it expired after it was found due: a dead invitation's secret is never mailed
        }

        if (_claims.IsHeld(due, now))
        {
            return default; // the invitee is activating with the code already mailed: never change it under them
        }

        var (account, product) = await directories.FindAsync(due, cancellationToken).ConfigureAwait(false);
        if (due.DeliveryAttempts >= _options.Delivery.MaxAttempts || account is null || product is null)
        {
            if (await _invitations.TryUpdateAsync(due with { Delivery = DeliveryState.Failed, NextDeliveryAt = null }, cancellationToken).ConfigureAwait(false) is not { } failed)
            {
                return default;
            }

            await _sender.GiveUpAsync(failed).ConfigureAwait(false);
            return new Claim(null, GivenUp: true);
        }

        if (account.IsDisabled)
        {
            // Looked at again later, like a retry; the compare-and-swap keeps a concurrent change (a revoke, say) as it is.
            var next = now + _options.Delivery.FirstRetryDelay;
            var held = await _invitations.TryUpdateAsync(due with { NextDeliveryAt = next }, cancellationToken).ConfigureAwait(false);
            if (held is not null)
            {
                Log.MailHeld(_logger, due.Id, due.AccountId, next);
            }

            return new Claim(null, GivenUp: false) { Held = held is not null };
        }

        var secrets = _secrets.Issue(due.Id, due.Kind);
        var lease = secrets.ApplyTo(due, now) with
        {
            DeliveryAttempts = due.DeliveryAttempts + 1,
            NextDeliveryAt = _sender.LeaseEnd(now),
        };
        Invitation? claimed = null;
        try
        {
            claimed = await _invitations.TryUpdateAsync(lease, cancellationToken).ConfigureAwait(false);
            return claimed is null ? default : new Claim(new OutgoingMail(claimed, secrets, account, product, IsResend: due.SendCount > 1), GivenUp: false);
        }
        finally
        {
            if (claimed is null)
            {
                secrets.Dispose(); // never mailed: zeroed at once
            }
        }
    }

    private readonly record struct Claim(OutgoingMail? Mail, bool GivenUp)
    {
        /// <summary>Whether the mail was held, its account being disabled.</summary>
        public bool Held { get; init; }
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
