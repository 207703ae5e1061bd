using InvitationKit.Ports;
using NodaTime;

namespace InvitationKit.Samples.Web.Mail;

/// <summary>
/// A development mailer: it keeps the mails in memory for the Mailbox page instead of sending them. In production,
/// implement <see cref="IInvitationMailer"/> over your mail service (SMTP, SendGrid, SES): build the link from
/// <see cref="InvitationMessage.Secret"/>, put the code in the mail of a new user, and pass
/// <see cref="InvitationMessage.MessageId"/> as the provider's idempotency key.
/// </summary>
public sealed class DevelopmentMailbox(IClock clock) : IInvitationMailer
{
    private readonly Lock _gate = new();
    private readonly List<Mail> _mails = [];

    /// <summary>The mails sent, newest first.</summary>
    public IReadOnlyList<Mail> Mails
    {
        get { lock (_gate) { return [.. Enumerable.Reverse(_mails)]; } }
    }

    /// <inheritdoc />
    public Task SendAsync(InvitationMessage message, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            // The same message id again is a retry of a mail already here: keep one, as a real provider would.
            if (!_mails.Any(m => m.Message.MessageId == message.MessageId))
            {
                _mails.Add(new Mail(message, clock.GetCurrentInstant()));
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>A mail in the box.</summary>
    /// <param name="Message">What the kit sent.</param>
    /// <param name="SentAt">When.</param>
    public sealed record Mail(InvitationMessage Message, Instant SentAt)
    {
        /// <summary>The link of the mail: the accept/decline landing page.</summary>
        public string Link => $"/Invite?secret={Uri.EscapeDataString(Message.Secret)}";

        /// <summary>The activation page of a new user's mail, with the address filled in.</summary>
        public string ActivationLink => $"/Activate?email={Uri.EscapeDataString(Message.Recipient.Value)}";
    }
}
