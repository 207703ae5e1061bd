using System.Net.Security;

namespace InvitationKit.Mail;

/// <summary>The SMTP server invitation mail is handed to (<see cref="InvitationMailOptions.Smtp"/>).</summary>
public sealed class InvitationSmtpOptions
{
    /// <summary>The server's host name or address.</summary>
    /// <value>Required; no default.</value>
    public string? Host { get; set; }

    /// <summary>The server's port.</summary>
    /// <value>Defaults to 587 (submission with STARTTLS); 1..65535. Use 465 with <see cref="SmtpSecurity.SslOnConnect"/>.</value>
    public int Port { get; set; } = InvitationMailDefaults.SmtpPort;

    /// <summary>How the connection is encrypted.</summary>
    /// <value>Defaults to <see cref="SmtpSecurity.StartTls"/>.</value>
    public SmtpSecurity Security { get; set; } = InvitationMailDefaults.Security;

    /// <summary>The user name to authenticate with; null sends no credentials.</summary>
    /// <value>Defaults to null. Never sent without encryption: <see cref="SmtpSecurity.None"/> with a user name is refused at start-up.</value>
    public string? UserName { get; set; }

    /// <summary>The password of <see cref="UserName"/>. Load it from a secret store, never from a committed file.</summary>
    /// <value>Defaults to null.</value>
    public string? Password { get; set; }

    /// <summary>
    /// The longest one mail may take, from connecting (or checking a reused connection) to the server's acceptance; it is
    /// also each network operation's timeout. A send that takes longer is a failed attempt, retried by the outbox.
    /// </summary>
    /// <value>Defaults to 30 seconds; 1 second..10 minutes, and shorter than <c>InvitationKitOptions.Delivery.LeaseTimeout</c>.</value>
    public TimeSpan Timeout { get; set; } = InvitationMailDefaults.Timeout;

    /// <summary>
    /// The most connections one scope (a batch invite, a dispatch) opens to the server at once, so that
    /// <c>InvitationKitOptions.Delivery.MaxConcurrentSends</c> mails are on their way together instead of one after the
    /// other. Raise it with that option when the server allows several connections per client (many relays limit it:
    /// Microsoft 365 to 3).
    /// </summary>
    /// <value>Defaults to 1; 1..16.</value>
    public int MaxConnections { get; set; } = InvitationMailDefaults.MaxConnections;

    /// <summary>Whether the server certificate's revocation is checked.</summary>
    /// <value>Defaults to true.</value>
    public bool CheckCertificateRevocation { get; set; } = InvitationMailDefaults.CheckCertificateRevocation;

    /// <summary>
    /// Validates the server's certificate instead of the system's trust store, e.g. to pin a private relay's certificate.
    /// Code only; it cannot be bound from configuration.
    /// </summary>
    /// <value>Defaults to null: the system validates the certificate.</value>
    public RemoteCertificateValidationCallback? ServerCertificateValidation { get; set; }
}
