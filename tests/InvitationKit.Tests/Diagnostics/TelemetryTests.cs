using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using InvitationKit.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace InvitationKit.Tests.Diagnostics;

/// <summary>Metrics and traces: every instrument reports, spans carry operation, outcome and code, and nothing personal ever leaves.</summary>
public sealed class TelemetryTests
{
    private static readonly string[] Instruments =
    [
        "invitationkit.invitations.created", "invitationkit.invitations.resolved", "invitationkit.refusals", "invitationkit.otp.failures",
        "invitationkit.otp.lockouts", "invitationkit.rate_limited", "invitationkit.mail", "invitationkit.operation.duration",
        "invitationkit.outbox.depth", "invitationkit.outbox.oldest_age",
    ];

    [Fact]
    public async Task Every_instrument_reports_and_no_tag_span_or_log_carries_personal_data()
    {
        IMeterFactory? factory = null;
        await using var kit = await TestKit.CreateAsync(
            o =>
            {
                o.MaxOtpAttempts = 2;
                o.RateLimits.ResendsPerInvitation = new RateLimitRule(1, Duration.FromHours(1));
            },
            services: s => s.AddMetrics());
        factory = kit.Services.GetRequiredService<IMeterFactory>();
        var measurements = new ConcurrentBag<(string Instrument, KeyValuePair<string, object?>[] Tags)>();
        using var meters = new MeterListener();
        meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == InvitationKitDiagnostics.MeterName && instrument.Meter.Scope == factory)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        meters.SetMeasurementEventCallback<long>((i, _, tags, _) => measurements.Add((i.Name, tags.ToArray())));
        meters.SetMeasurementEventCallback<int>((i, _, tags, _) => measurements.Add((i.Name, tags.ToArray())));
        meters.SetMeasurementEventCallback<double>((i, _, tags, _) => measurements.Add((i.Name, tags.ToArray())));
        meters.Start();
        var spans = new ConcurrentBag<Activity>();
        using var test = new Activity("telemetry test").Start(); // this test's spans are in its trace; tests running beside it have their own
        using var traces = new ActivityListener
        {
            ShouldListenTo = source => source.Name == InvitationKitDiagnostics.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = span =>
            {
                if (span.TraceId == test.TraceId)
                {
                    spans.Add(span);
                }
            },
        };
        ActivitySource.AddActivityListener(traces);

        // A flow that touches every instrument.
        kit.User("member@example.com");
        kit.Mailer.FailWhen = m => m.Recipient.Key == "new@example.com";
        var invited = (await kit.InviteAsync("member@example.com", "new@example.com")).ShouldSucceed();
        (await kit.InviteAsync("member@example.com")).ShouldFailWith(InvitationErrorCode.AlreadyInvited);
        kit.Mailer.FailWhen = null;
        kit.Clock.Advance(Duration.FromHours(1));
        meters.RecordObservableInstruments(); // before the dispatch: nothing seen yet
        Assert.Equal(1, (await kit.Dispatcher.DispatchAsync()).Sent);
        meters.RecordObservableInstruments();
        (await kit.AcceptAsync("member@example.com")).ShouldSucceed();
        for (var i = 0; i < 3; i++)
        {
            await kit.Manager.ActivateAsync(new ActivationRequest("new@example.com", $"00000{i}", "a long enough password"));
        }

        var newUser = invited.Invitations.Single(v => v.Email == "new@example.com").Id;
        (await kit.Manager.ResendAsync(kit.Owner, newUser)).ShouldSucceed();
        (await kit.Manager.ResendAsync(kit.Owner, newUser)).ShouldFailWith(InvitationErrorCode.RateLimited);
        (await kit.Manager.RevokeAsync(kit.Owner, newUser)).ShouldSucceed();

        // Every instrument reported.
        Assert.Empty(Instruments.Except(measurements.Select(m => m.Instrument)));
        Assert.Contains(measurements, m => m.Instrument == "invitationkit.refusals" && m.Tags.Contains(new("error.type", "AlreadyInvited")));
        Assert.Contains(measurements, m => m.Instrument == "invitationkit.invitations.resolved" && m.Tags.Contains(new("invitationkit.status", "revoked")));
        Assert.Contains(measurements, m => m.Instrument == "invitationkit.mail" && m.Tags.Contains(new("invitationkit.outcome", "failed")));

        // A span per operation and per dispatch, with operation, outcome and code.
        Assert.Empty(new[] { "invite", "dispatch", "accept", "activate", "resend", "revoke" }.Except(spans.Select(s => s.GetTagItem("invitationkit.operation") as string)));
        var refused = Assert.Single(spans, s => s.GetTagItem("error.type") as string == "RateLimited");
        Assert.Equal(("resend", "failure", ActivityStatusCode.Error), (refused.GetTagItem("invitationkit.operation"), refused.GetTagItem("invitationkit.outcome"), refused.Status));

        // Nothing personal anywhere: no address, no secret, no code, in a tag, a span name or a log line.
        var secrets = kit.Mailer.Sent.SelectMany(m => new[] { m.Secret, m.OneTimePassword }).OfType<string>().ToArray();
        var emitted = measurements.SelectMany(m => m.Tags.Select(t => $"{t.Key}={t.Value}"))
            .Concat(spans.SelectMany(s => s.TagObjects.Select(t => $"{t.Key}={t.Value}").Append(s.DisplayName).Append(s.StatusDescription ?? string.Empty)))
            .Concat(kit.Logs.Entries.Select(e => e.Text))
            .ToArray();
        Assert.NotEmpty(emitted);
        Assert.DoesNotContain(emitted, text => text.Contains('@', StringComparison.Ordinal));
        Assert.DoesNotContain(emitted, text => secrets.Any(secret => text.Contains(secret, StringComparison.Ordinal)));
    }
}
