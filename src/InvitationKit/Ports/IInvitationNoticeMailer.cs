namespace InvitationKit.Ports;

/// <summary>
/// Sends notices to inviters and account managers (rules 22 and 23): a new invitation was asked for, an invitation expires
/// soon. Optional: without one, asking for a new invitation is off (<see cref="InvitationErrorCode.NewInvitationRequestsOff"/>)
/// and no reminder notice is queued. Notices go through the outbox as mail does: queued in the write that causes them,
/// claimed by compare-and-swap, retried with backoff up to <see cref="InvitationDeliveryOptions.MaxAttempts"/>. A thrown
/// exception is a failed attempt; a <see cref="PermanentDeliveryException"/> gives the notice up at once.
/// </summary>
public interface IInvitationNoticeMailer
{
    /// <summary>Sends one notice.</summary>
    /// <param name="notice">The notice; it carries no secret.</param>
    /// <param name="cancellationToken">Cancels the send.</param>
    /// <returns>A task that completes when the notice was handed over.</returns>
    Task SendAsync(InvitationNotice notice, CancellationToken cancellationToken);
}
