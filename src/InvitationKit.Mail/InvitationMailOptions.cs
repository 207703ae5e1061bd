using Microsoft.Extensions.FileProviders;

namespace InvitationKit.Mail;

/// <summary>
/// What <c>UseSmtpMailer</c> sends and how: the sender, the links, the languages, the templates and the SMTP server.
/// Validated at start-up; every problem is reported at once, each with its fix.
/// </summary>
public sealed class InvitationMailOptions
{
    /// <summary>The sender, as a mailbox: <c>no-reply@acme.example</c> or <c>Acme &lt;no-reply@acme.example&gt;</c>. Its domain also ends each mail's <c>Message-ID</c>.</summary>
    /// <value>Required; no default.</value>
    public string? From { get; set; }

    /// <summary>
    /// The absolute base of every link in the mail, e.g. <c>https://app.acme.example/</c> (a path, such as
    /// <c>https://acme.example/portal/</c>, is kept). It must be <c>https</c>; <c>http</c> is accepted only for a loopback
    /// host (<c>localhost</c>, <c>127.0.0.1</c>, <c>[::1]</c>) in development.
    /// </summary>
    /// <value>Required; no default.</value>
    public Uri? BaseUrl { get; set; }

    /// <summary>
    /// The landing page of the link every mail carries, relative to <see cref="BaseUrl"/>; <c>{secret}</c> stands for the
    /// link secret (exactly once) and <c>{email}</c>, optionally, for the recipient's address. The page previews the
    /// invitation and accepts or declines it with POSTs.
    /// </summary>
    /// <value>Defaults to <c>/Invitations/Invite?secret={secret}</c>, the landing page of <c>InvitationKit.AspNetCore.UI</c>.</value>
    public string AcceptPath { get; set; } = InvitationMailDefaults.AcceptPath;

    /// <summary>
    /// The page where a new user enters the mailed code and chooses a password, relative to <see cref="BaseUrl"/>;
    /// <c>{email}</c> optionally stands for the address. The code itself is never put in a link.
    /// </summary>
    /// <value>Defaults to <c>/Invitations/Activate?email={email}</c>, the activation page of <c>InvitationKit.AspNetCore.UI</c>.</value>
    public string ActivatePath { get; set; } = InvitationMailDefaults.ActivatePath;

    /// <summary>
    /// The account page a notice to an inviter or manager links to (<c>UseSmtpNoticeMailer</c>), relative to
    /// <see cref="BaseUrl"/>; <c>{accountId}</c> stands for the account's id (escaped). The page is behind sign-in; the
    /// link carries no secret and never the invitee's address.
    /// </summary>
    /// <value>Defaults to <c>/Invitations/Accounts/{accountId}</c>, the account page of <c>InvitationKit.AspNetCore.UI</c>.</value>
    public string AccountPath { get; set; } = InvitationMailDefaults.AccountPath;

    /// <summary>The language of a mail whose invitation names none (or one not supported), e.g. <c>en</c> or <c>ru</c>.</summary>
    /// <value>Defaults to <c>en</c>; one of <see cref="SupportedCultures"/>.</value>
    public string DefaultCulture { get; set; } = InvitationMailDefaults.DefaultCulture;

    /// <summary>
    /// The languages mail is written in. Every one needs its templates: the built-in ones cover <c>en</c> and <c>ru</c>;
    /// add another language's templates with <see cref="TemplateDirectory"/> or <see cref="TemplateProviders"/>.
    /// Configuration replaces this list rather than adding to it.
    /// </summary>
    /// <value>Defaults to <c>en</c> and <c>ru</c>.</value>
    public IList<string> SupportedCultures { get; set; } = InvitationMailDefaults.SupportedCultures();

    /// <summary>The time zone dates are shown in, as an IANA id (<c>Europe/Moscow</c>), unless the locale resolver says otherwise.</summary>
    /// <value>Defaults to <c>UTC</c>.</value>
    public string TimeZone { get; set; } = InvitationMailDefaults.TimeZone;

    /// <summary>
    /// A directory of templates that override the built-in ones file by file (same names, e.g.
    /// <c>ru/new-user.html.liquid</c>); relative paths are relative to the working directory. Edits are picked up on the
    /// next mail.
    /// </summary>
    /// <value>Defaults to null: none.</value>
    public string? TemplateDirectory { get; set; }

    /// <summary>
    /// More template sources, each overriding the built-in templates file by file, the first one first (after
    /// <see cref="TemplateDirectory"/>): e.g. <c>new EmbeddedFileProvider(typeof(Program).Assembly, "MyApp.MailTemplates")</c>
    /// for templates embedded in the host's assembly. Code only.
    /// </summary>
    /// <value>Defaults to none.</value>
    public IList<IFileProvider> TemplateProviders { get; } = [];

    /// <summary>
    /// A directory to write each mail to as an <c>.eml</c> file (the whole MIME message, as it would go over SMTP)
    /// instead of sending it, for development, demos and tests; any mail client opens the files. They hold live links
    /// and one-time codes: never set it in production. When set, <see cref="Smtp"/> is not used. The directory is
    /// created when missing.
    /// </summary>
    /// <value>Defaults to none: mail goes to <see cref="Smtp"/>.</value>
    public string? PickupDirectory { get; set; }

    /// <summary>The SMTP server.</summary>
    /// <value>Its own defaults; <see cref="InvitationSmtpOptions.Host"/> is required unless <see cref="PickupDirectory"/> is set.</value>
    public InvitationSmtpOptions Smtp { get; set; } = new();
}
