using InvitationKit.Ports;
using MimeKit;
using NodaTime;

namespace InvitationKit.Mail;

/// <summary>Builds the MIME message of a rendered invitation mail.</summary>
internal static class InvitationMimeMessage
{
    /// <summary>
    /// A multipart/alternative message (text, then HTML) whose <c>Message-ID</c> is the outbox's
    /// <see cref="InvitationMessage.MessageId"/> at the sender's domain — the same for every attempt to hand over this
    /// very mail, so a mail server can drop a retried duplicate — marked <c>Auto-Submitted: auto-generated</c> (RFC 3834)
    /// so that auto-responders stay quiet, with the mail's language in <c>Content-Language</c>.
    /// </summary>
    public static MimeMessage Create(InvitationMessage message, RenderedMail mail, MailboxAddress from, Instant now) =>
        Create(message.MessageId, new MailboxAddress(string.Empty, message.Recipient.Value), mail, from, now);

    /// <summary>The same message for any mail of the kit (a notice's too): its id, its one recipient, the rendered parts.</summary>
    public static MimeMessage Create(Guid messageId, MailboxAddress to, RenderedMail mail, MailboxAddress from, Instant now)
    {
        var mime = new MimeMessage
        {
            Subject = mail.Subject,
            MessageId = $"{messageId:D}@{from.Domain}",
            Date = now.ToDateTimeOffset(),
            Body = new BodyBuilder { TextBody = mail.Text, HtmlBody = mail.Html }.ToMessageBody(),
        };
        mime.From.Add(from);
        mime.To.Add(to);
        mime.Headers.Add("Auto-Submitted", "auto-generated");
        mime.Body.Headers.Add(HeaderId.ContentLanguage, mail.Culture.Name); // a MIME entity header: it goes with the body, written at the top
        return mime;
    }
}
