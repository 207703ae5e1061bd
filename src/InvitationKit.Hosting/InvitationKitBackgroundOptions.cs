namespace InvitationKit.Hosting;

/// <summary>How often the background services of <c>AddInvitationKitBackgroundServices</c> run.</summary>
public sealed class InvitationKitBackgroundOptions
{
    /// <summary>
    /// The pause between two drains of the mail outbox (a drain sends everything due, a batch at a time), in real time:
    /// it paces the polling of the store, whatever the kit's clock says.
    /// </summary>
    /// <value>Defaults to 10 seconds; 100 milliseconds..1 hour.</value>
    public TimeSpan DispatchInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The time between two sweeps that persist the expired status of overdue invitations, on the kit's
    /// <c>NodaTime.IClock</c> (so a fake clock drives it); a due sweep runs after the next drain.
    /// </summary>
    /// <value>Defaults to 5 minutes; 100 milliseconds..1 day.</value>
    public TimeSpan ExpiryInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The most mails one dispatch call sends before the next batch is read.</summary>
    /// <value>Defaults to 100; 1..1000.</value>
    public int DispatchBatchSize { get; set; } = 100;
}
