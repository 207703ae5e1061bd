namespace InvitationKit.Mail;

/// <summary>Every default of <see cref="InvitationMailOptions"/> and <see cref="InvitationSmtpOptions"/>, in one place.</summary>
internal static class InvitationMailDefaults
{
    public const string AcceptPath = "/Invitations/Invite?secret={secret}";
    public const string ActivatePath = "/Invitations/Activate?email={email}";
    public const string AccountPath = "/Invitations/Accounts/{accountId}";
    public const string DefaultCulture = "en";
    public const string TimeZone = "UTC";
    public const int SmtpPort = 587;
    public const SmtpSecurity Security = SmtpSecurity.StartTls;
    public const bool CheckCertificateRevocation = true;
    public const int MaxConnections = 1;
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan MinTimeout = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromMinutes(10);

    /// <summary>The cultures the package has templates for.</summary>
    public static IList<string> SupportedCultures() => ["en", "ru"];
}
