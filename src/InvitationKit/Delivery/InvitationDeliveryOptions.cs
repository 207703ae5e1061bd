using NodaTime;

namespace InvitationKit;

/// <summary>
/// How invitation mail is retried (<see cref="InvitationKitOptions.Delivery"/>). Every send issues a fresh secret and code
/// at send time, so a retry never needs a stored plaintext; see docs/operations.md for the outbox design.
/// </summary>
public sealed class InvitationDeliveryOptions
{
    /// <summary>How many times one send request (an invite or a resend) is tried before its delivery is <see cref="DeliveryState.Failed"/> for good.</summary>
    /// <value>Defaults to 5; 1..100.</value>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>The delay before the first retry; each further retry doubles it, with jitter, up to <see cref="MaxRetryDelay"/>.</summary>
    /// <value>Defaults to 1 minute; 1 second..1 day.</value>
    public Duration FirstRetryDelay { get; set; } = Duration.FromMinutes(1);

    /// <summary>The longest delay between two attempts.</summary>
    /// <value>Defaults to 1 hour; at least <see cref="FirstRetryDelay"/>, at most 7 days.</value>
    public Duration MaxRetryDelay { get; set; } = Duration.FromHours(1);

    /// <summary>
    /// How long a send in flight holds its invitation. When the sender dies mid-send, the dispatcher of any instance takes
    /// the invitation over after this long, issues a fresh secret and sends again.
    /// </summary>
    /// <value>Defaults to 2 minutes; 5 seconds..1 hour. Keep it above your mailer's timeout.</value>
    public Duration LeaseTimeout { get; set; } = Duration.FromMinutes(2);

    /// <summary>
    /// How many mails of one batch (an invite's, or a chunk the dispatcher claimed) are handed to the mailer at once, so
    /// a mail server's latency is paid once per this many mails rather than per mail. The mailer is called concurrently
    /// anyway (by concurrent requests), so it must be thread-safe; InvitationKit.Mail's SMTP mailer opens up to
    /// <c>InvitationSmtpOptions.MaxConnections</c> connections for them.
    /// </summary>
    /// <value>Defaults to 4; 1..64.</value>
    public int MaxConcurrentSends { get; set; } = 4;
}
