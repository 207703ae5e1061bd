namespace InvitationKit.Mail;

/// <summary>How the connection to the SMTP server is encrypted (<see cref="InvitationSmtpOptions.Security"/>).</summary>
public enum SmtpSecurity
{
    /// <summary>Connect in plain text, then upgrade with <c>STARTTLS</c>, which the server must offer (port 587). A server that does not offer it is a failed attempt: never a silent downgrade.</summary>
    StartTls = 0,

    /// <summary>TLS from the first byte ("implicit TLS", port 465).</summary>
    SslOnConnect = 1,

    /// <summary>No encryption: only for a relay on the same host or a development catcher. Credentials are never sent over it.</summary>
    None = 2,
}
