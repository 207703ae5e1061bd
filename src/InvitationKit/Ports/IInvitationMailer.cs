namespace InvitationKit.Ports;

/// <summary>Sends invitation emails. A thrown exception marks the invitation's delivery as failed; it stays pending.</summary>
public interface IInvitationMailer
{
    /// <summary>Sends one invitation message.</summary>
    /// <param name="message">The message, carrying the plaintext secret (and OTP for new users) for this send only.</param>
    /// <param name="cancellationToken">Cancels the send.</param>
    /// <returns>A task that completes when the mail was handed over.</returns>
    Task SendAsync(InvitationMessage message, CancellationToken cancellationToken);
}
