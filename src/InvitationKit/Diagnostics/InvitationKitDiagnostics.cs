namespace InvitationKit;

/// <summary>
/// The names under which InvitationKit publishes metrics and traces, for OpenTelemetry:
/// <c>.WithMetrics(m =&gt; m.AddMeter(InvitationKitDiagnostics.MeterName))</c> and
/// <c>.WithTracing(t =&gt; t.AddSource(InvitationKitDiagnostics.ActivitySourceName))</c>. No instrument, tag, span or log
/// ever carries an email address, a secret, a one-time password or a display name. docs/operations.md lists every
/// instrument and what to alert on.
/// </summary>
public static class InvitationKitDiagnostics
{
    /// <summary>The name of the <see cref="System.Diagnostics.Metrics.Meter"/>.</summary>
    public const string MeterName = "InvitationKit";

    /// <summary>The name of the <see cref="System.Diagnostics.ActivitySource"/>.</summary>
    public const string ActivitySourceName = "InvitationKit";
}
