using System.Net;
using InvitationKit.Mail;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using MimeKit;

namespace InvitationKit.Samples.Web.Mail;

/// <summary>
/// Identity's account mail (the sign-up's email confirmation, password resets) over SMTP, with MailKit, through the server
/// and sender the kit's invitation mail uses (<c>InvitationKit:Mail</c>): in development, the SMTP catcher.
/// </summary>
public sealed class SmtpAccountMailer(IOptions<InvitationMailOptions> options) : IEmailSender<IdentityUser>
{
    /// <inheritdoc />
    public Task SendConfirmationLinkAsync(IdentityUser user, string email, string confirmationLink) =>
        SendAsync(email, "Confirm your email address", "Confirm your email address by opening this link:", confirmationLink);

    /// <inheritdoc />
    public Task SendPasswordResetLinkAsync(IdentityUser user, string email, string resetLink) =>
        SendAsync(email, "Reset your password", "Reset your password by opening this link:", resetLink);

    /// <inheritdoc />
    public Task SendPasswordResetCodeAsync(IdentityUser user, string email, string resetCode) =>
        SendAsync(email, "Your password reset code", $"Your password reset code is {resetCode}.", null);

    private async Task SendAsync(string to, string subject, string text, string? link)
    {
        var settings = options.Value;
        using var mail = new MimeMessage();
        mail.From.Add(MailboxAddress.Parse(settings.From!)); // checked at start-up
        mail.To.Add(MailboxAddress.Parse(to));
        mail.Subject = subject;
        mail.Body = new BodyBuilder
        {
            TextBody = link is null ? text : $"{text}\n{link}\n",
            HtmlBody = link is null
                ? $"<p>{WebUtility.HtmlEncode(text)}</p>"
                : $"<p>{WebUtility.HtmlEncode(text)}</p><p><a href=\"{WebUtility.HtmlEncode(link)}\">{WebUtility.HtmlEncode(subject)}</a></p>",
        }.ToMessageBody();

        var smtp = settings.Smtp; // checked at start-up: a host, a port, credentials only over TLS
        using var timeout = new CancellationTokenSource(smtp.Timeout);
        using var client = new SmtpClient { Timeout = (int)smtp.Timeout.TotalMilliseconds, CheckCertificateRevocation = smtp.CheckCertificateRevocation };
        client.ServerCertificateValidationCallback = smtp.ServerCertificateValidation;
        await client.ConnectAsync(smtp.Host!, smtp.Port, Security(smtp.Security), timeout.Token);
        if (!string.IsNullOrEmpty(smtp.UserName))
        {
            await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? string.Empty, timeout.Token);
        }

        await client.SendAsync(mail, timeout.Token);
        await client.DisconnectAsync(quit: true, timeout.Token);
    }

    private static SecureSocketOptions Security(SmtpSecurity security) => security switch
    {
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        SmtpSecurity.None => SecureSocketOptions.None,
        _ => SecureSocketOptions.StartTls,
    };
}
