using InvitationKit.Ports;

namespace InvitationKit.Testing;

/// <summary>An <see cref="IInvitationEventSink"/> and <see cref="IActiveAccountObserver"/> that records what it is told.</summary>
/// <threadsafety>This type is thread-safe.</threadsafety>
public sealed class RecordingEventSink : IInvitationEventSink, IActiveAccountObserver
{
    private readonly Lock _gate = new();
    private readonly List<InvitationEvent> _events = [];
    private readonly List<ActiveAccountChange> _changes = [];

    /// <summary>Every event published, oldest first (a snapshot).</summary>
    public IReadOnlyList<InvitationEvent> Events
    {
        get { lock (_gate) { return [.. _events]; } }
    }

    /// <summary>Every active-account change notified, oldest first (a snapshot).</summary>
    public IReadOnlyList<ActiveAccountChange> ActiveAccountChanges
    {
        get { lock (_gate) { return [.. _changes]; } }
    }

    /// <inheritdoc />
    public Task PublishAsync(InvitationEvent invitationEvent, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _events.Add(invitationEvent);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task OnActiveAccountChangedAsync(ActiveAccountChange change, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _changes.Add(change);
        }

        return Task.CompletedTask;
    }
}
