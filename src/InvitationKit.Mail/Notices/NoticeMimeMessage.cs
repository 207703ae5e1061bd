using System.Security.Cryptography;
using System.Text;
using InvitationKit.Ports;
using MimeKit;
using NodaTime;

namespace InvitationKit.Mail;

/// <summary>Builds the MIME message of one recipient's notice mail.</summary>
internal static class NoticeMimeMessage
{
    /// <summary>
    /// The id of one recipient's mail of a notice: <see cref="InvitationNotice.MessageId"/> and the recipient's user id,
    /// hashed, so every attempt of the notice gives that recipient the same <c>Message-ID</c> (a server drops a retried
    /// copy) and no two recipients share one.
    /// </summary>
    public static Guid Id(Guid noticeId, string userId)
    {
        var bytes = new byte[16 + Encoding.UTF8.GetByteCount(userId)];
        noticeId.TryWriteBytes(bytes);
        Encoding.UTF8.GetBytes(userId, bytes.AsSpan(16));
        return new Guid(SHA256.HashData(bytes).AsSpan(0, 16));
    }

    /// <summary>
    /// A multipart/alternative message (text, then HTML) to one recipient only — the others of the notice are neither in
    /// its headers nor in its envelope — marked <c>Auto-Submitted: auto-generated</c>, with the language in
    /// <c>Content-Language</c>. The recipient's name is made one line before it stands in <c>To</c>.
    /// </summary>
    public static MimeMessage Create(Guid messageId, UserContact to, RenderedMail mail, MailboxAddress from, Instant now) =>
        InvitationMimeMessage.Create(messageId, new MailboxAddress(MailText.SingleLine(to.DisplayName), to.Email.Value), mail, from, now);
}
