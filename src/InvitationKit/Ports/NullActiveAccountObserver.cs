namespace InvitationKit.Ports;

/// <summary>The observer used when the host registers none.</summary>
internal sealed class NullActiveAccountObserver : IActiveAccountObserver
{
    public Task OnActiveAccountChangedAsync(ActiveAccountChange change, CancellationToken cancellationToken) => Task.CompletedTask;
}
