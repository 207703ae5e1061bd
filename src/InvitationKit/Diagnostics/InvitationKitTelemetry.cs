using System.Diagnostics;
using System.Diagnostics.Metrics;
using InvitationKit.Ports;
using NodaTime;

namespace InvitationKit.Diagnostics;

/// <summary>
/// The kit's meter and activity source. Created through <see cref="IMeterFactory"/> when DI has one (so hosts and tests
/// isolate meters per container), otherwise on a meter of its own. Tags carry operation names, statuses and error codes
/// only: never an address, a secret, a code or a name.
/// </summary>
internal sealed class InvitationKitTelemetry : IDisposable
{
    internal static readonly ActivitySource ActivitySource = new(InvitationKitDiagnostics.ActivitySourceName, typeof(InvitationKitTelemetry).Assembly.GetName().Version?.ToString());

    /// <summary>For parts built without DI (benchmarks): a meter of its own that nobody need listen to.</summary>
    internal static readonly InvitationKitTelemetry Unobserved = new();

    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Counter<long> _created;
    private readonly Counter<long> _resolved;
    private readonly Counter<long> _refusals;
    private readonly Counter<long> _otpFailures;
    private readonly Counter<long> _otpLockouts;
    private readonly Counter<long> _rateLimited;
    private readonly Counter<long> _mail;
    private readonly Histogram<double> _duration;
    private OutboxSnapshot _outbox = new(0, 0);

    public InvitationKitTelemetry(IMeterFactory? meterFactory = null)
    {
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(InvitationKitDiagnostics.MeterName) ?? new Meter(InvitationKitDiagnostics.MeterName);
        _created = _meter.CreateCounter<long>("invitationkit.invitations.created", "{invitation}", "Invitations created.");
        _resolved = _meter.CreateCounter<long>("invitationkit.invitations.resolved", "{invitation}", "Invitations accepted, rejected, revoked or expired, by invitationkit.status.");
        _refusals = _meter.CreateCounter<long>("invitationkit.refusals", "{error}", "Errors returned, by invitationkit.operation and error.type (the InvitationErrorCode).");
        _otpFailures = _meter.CreateCounter<long>("invitationkit.otp.failures", "{attempt}", "Wrong, expired or unknown one-time passwords entered.");
        _otpLockouts = _meter.CreateCounter<long>("invitationkit.otp.lockouts", "{attempt}", "Activations refused because the address's failure budget was spent.");
        _rateLimited = _meter.CreateCounter<long>("invitationkit.rate_limited", "{request}", "Requests refused by a throttle, by invitationkit.operation.");
        _mail = _meter.CreateCounter<long>("invitationkit.mail", "{mail}", "Mails handed over, by invitationkit.outcome: sent, failed (a retry is scheduled) or given_up.");
        _duration = _meter.CreateHistogram<double>("invitationkit.operation.duration", "s", "Duration of manager operations and dispatches, by invitationkit.operation and invitationkit.outcome.");
        _meter.CreateObservableGauge("invitationkit.outbox.depth", () => _outbox.Depth, "{mail}", "Mails due, as this instance's dispatcher last saw them (at most one dispatch batch).");
        _meter.CreateObservableGauge("invitationkit.outbox.oldest_age", () => _outbox.OldestAgeSeconds, "s", "How long the oldest due mail has waited since it was issued, as last seen.");
    }

    /// <summary>Starts the span of a manager operation or a dispatch (null when nobody listens).</summary>
    public static Activity? Start(string operation)
    {
        var activity = ActivitySource.StartActivity($"InvitationKit {operation}", ActivityKind.Internal);
        activity?.SetTag("invitationkit.operation", operation);
        return activity;
    }

    /// <summary>Records how an operation ended: its duration, its outcome, and every refusal by code.</summary>
    public void Completed(string operation, Activity? activity, long startTimestamp, IReadOnlyList<InvitationError>? errors, Exception? exception = null)
    {
        var outcome = exception is not null ? "exception" : errors is { Count: > 0 } ? "failure" : "success";
        var errorType = exception?.GetType().FullName ?? (errors is { Count: > 0 } ? errors[0].Code.ToString() : null);
        var tags = new TagList { { "invitationkit.operation", operation }, { "invitationkit.outcome", outcome } };
        if (errorType is not null)
        {
            tags.Add("error.type", errorType);
        }

        _duration.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds, tags);
        foreach (var error in errors ?? [])
        {
            _refusals.Add(1, new TagList { { "invitationkit.operation", operation }, { "error.type", error.Code.ToString() } });
        }

        if (activity is not null)
        {
            activity.SetTag("invitationkit.outcome", outcome);
            if (errorType is not null)
            {
                activity.SetTag("error.type", errorType);
                activity.SetStatus(ActivityStatusCode.Error, exception is null ? errorType : exception.GetType().Name);
            }
        }
    }

    /// <summary>Counts an invitation's life events.</summary>
    public void Event(InvitationEventKind kind)
    {
        switch (kind)
        {
            case InvitationEventKind.Created:
                _created.Add(1);
                break;
            case InvitationEventKind.Accepted or InvitationEventKind.Rejected or InvitationEventKind.Revoked or InvitationEventKind.Expired:
                _resolved.Add(1, new KeyValuePair<string, object?>("invitationkit.status", kind.ToString().ToLowerInvariant()));
                break;
        }
    }

    public void OtpFailed() => _otpFailures.Add(1);

    public void OtpLockedOut() => _otpLockouts.Add(1);

    public void RateLimited(Limits.RateLimitedOperation operation) => _rateLimited.Add(1, new KeyValuePair<string, object?>("invitationkit.operation", operation.ToString()));

    /// <summary>Counts a hand-over to the mailer by outcome.</summary>
    public void Mail(DeliveryState state, bool givenUp) =>
        _mail.Add(1, new KeyValuePair<string, object?>("invitationkit.outcome", state == DeliveryState.Sent ? "sent" : givenUp ? "given_up" : "failed"));

    /// <summary>Remembers what the dispatcher found due, for the outbox gauges.</summary>
    public void OutboxObserved(IReadOnlyList<Invitation> due, Instant now) =>
        _outbox = new OutboxSnapshot(due.Count, due.Count == 0 ? 0 : (now - due.Min(i => i.IssuedAt)).TotalSeconds);

    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }

    private sealed record OutboxSnapshot(int Depth, double OldestAgeSeconds);
}
