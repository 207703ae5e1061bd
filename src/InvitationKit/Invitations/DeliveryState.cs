namespace InvitationKit;

/// <summary>Whether the invitation email reached the mailer (rule 16).</summary>
public enum DeliveryState
{
    /// <summary>Stored; the mail has not been handed to the mailer yet.</summary>
    NotSent = 0,

    /// <summary>The mailer accepted the message.</summary>
    Sent = 1,

    /// <summary>The mailer failed; the invitation stays pending and can be resent.</summary>
    Failed = 2,

    /// <summary>
    /// No mail: the link was handed once to the host, who delivers it (<see cref="IInvitationManager.InviteForHostDeliveryAsync"/>,
    /// rule 24). An existing user's host-delivered invitation is never mailed; a resend mails it as any invitation.
    /// </summary>
    HandedToHost = 3,
}
