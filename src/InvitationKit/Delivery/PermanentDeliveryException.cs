namespace InvitationKit;

/// <summary>
/// Thrown by an <see cref="Ports.IInvitationMailer"/> when a mail can never be delivered as addressed — the recipient's
/// mail server refused the mailbox for good (an SMTP 5xx such as <c>550 5.1.1</c>, mailbox unavailable). The outbox does
/// not retry it: the invitation's delivery is <see cref="DeliveryState.Failed"/> at once, a
/// <see cref="Ports.InvitationEventKind.DeliveryFailed"/> event is raised, and the invitation stays pending and
/// resendable, as after the last of <see cref="InvitationDeliveryOptions.MaxAttempts"/>. Any other exception is a
/// failed attempt that is retried.
/// </summary>
/// <remarks>
/// The kit logs the exception: its message and inner exception must carry no address, secret or code.
/// </remarks>
public sealed class PermanentDeliveryException : Exception
{
    /// <summary>Creates the exception with a default message.</summary>
    public PermanentDeliveryException()
        : base("The mail can never be delivered as addressed.")
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">Why the mail cannot be delivered, without the address, the secret or the code.</param>
    public PermanentDeliveryException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the failure that caused it.</summary>
    /// <param name="message">Why the mail cannot be delivered, without the address, the secret or the code.</param>
    /// <param name="innerException">The mailer's own failure, without the address, the secret or the code.</param>
    public PermanentDeliveryException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
