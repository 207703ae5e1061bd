namespace InvitationKit.Ports;

/// <summary>
/// Sends invitation emails. A thrown exception marks the invitation's delivery as failed and is retried with backoff up to
/// <see cref="InvitationDeliveryOptions.MaxAttempts"/>; a <see cref="PermanentDeliveryException"/> (the mailbox was
/// refused for good) is not retried. Either way the invitation stays pending and resendable.
/// </summary>
public interface IInvitationMailer
{
    /// <summary>Sends one invitation message.</summary>
    /// <param name="message">The message, carrying the plaintext secret (and OTP for new users) for this send only.</param>
    /// <param name="cancellationToken">Cancels the send.</param>
    /// <returns>A task that completes when the mail was handed over.</returns>
    Task SendAsync(InvitationMessage message, CancellationToken cancellationToken);
}
