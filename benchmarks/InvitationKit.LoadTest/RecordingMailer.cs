using System.Collections.Concurrent;
using InvitationKit.Ports;

namespace InvitationKit.LoadTest;

/// <summary>
/// The instance's mailer: it records every mail it hands over, for the load generator's accepts and the checks after
/// the run (<c>GET /load/mail</c>). A share of first attempts (<paramref name="failureRate"/>, each invitation at most
/// once per instance) fails as an SMTP outage would, so the hosted dispatchers have retries to drain under load.
/// </summary>
internal sealed class RecordingMailer(string instance, double failureRate) : IInvitationMailer
{
    private readonly ConcurrentQueue<MailRecord> _sent = new();
    private readonly ConcurrentDictionary<Guid, MailRecord> _latest = new();
    private readonly ConcurrentDictionary<Guid, bool> _failedOnce = new();

    /// <summary>Every mail handed over, in order.</summary>
    public IReadOnlyCollection<MailRecord> Sent => _sent;

    /// <summary>The last mail of an invitation this instance sent; null when it sent none.</summary>
    public MailRecord? LatestOf(Guid invitationId) => _latest.GetValueOrDefault(invitationId);

    public Task SendAsync(InvitationMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (failureRate > 0 && Random.Shared.NextDouble() < failureRate && _failedOnce.TryAdd(message.InvitationId, true))
        {
            throw new IOException(LoadSettings.InjectedMailFailure);
        }

        var record = new MailRecord(message.InvitationId, message.MessageId, message.Secret, instance);
        _sent.Enqueue(record);
        _latest[message.InvitationId] = record;
        return Task.CompletedTask;
    }
}
