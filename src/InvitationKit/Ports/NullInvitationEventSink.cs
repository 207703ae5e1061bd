namespace InvitationKit.Ports;

/// <summary>The event sink used when the host registers none.</summary>
internal sealed class NullInvitationEventSink : IInvitationEventSink
{
    public Task PublishAsync(InvitationEvent invitationEvent, CancellationToken cancellationToken) => Task.CompletedTask;
}
