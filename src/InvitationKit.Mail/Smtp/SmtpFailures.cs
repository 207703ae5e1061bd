using System.Text.RegularExpressions;
using MailKit.Net.Smtp;

namespace InvitationKit.Mail;

/// <summary>
/// Maps an SMTP server's refusal onto the outbox: a recipient refused for good (5xx with an enhanced status of the
/// addressing class 5.1.x or mailbox class 5.2.x — except 5.2.2, mailbox full, which RFC 3463 calls a persistent
/// transient failure — or, without an enhanced status, 550, 551 or 553 to <c>RCPT TO</c>) is a
/// <see cref="PermanentDeliveryException"/>; every other refusal — 4xx, the sender refused, relaying or policy (5.7.x),
/// the server's own trouble — is a failed attempt, retried, because a fix on the sending side makes the retry succeed.
/// </summary>
internal static partial class SmtpFailures
{
    public static Exception Map(SmtpCommandException refusal)
    {
        var status = (int)refusal.StatusCode;
        var enhanced = Enhanced().Match(refusal.Message) is { Success: true } match ? match.Groups["code"].Value : null;
        var what = refusal.ErrorCode switch
        {
            SmtpErrorCode.RecipientNotAccepted => "the recipient",
            SmtpErrorCode.SenderNotAccepted => "the sender (InvitationMailOptions.From)",
            SmtpErrorCode.MessageNotAccepted => "the message",
            _ => "a command",
        };
        var codes = enhanced is null ? $"{status}" : $"{status} {enhanced}";
        var failure = new SmtpDeliveryException($"The SMTP server refused {what} with {codes}.", status, enhanced);
        return IsPermanent(refusal.ErrorCode, status, enhanced)
            ? new PermanentDeliveryException($"The recipient's mailbox was refused for good ({codes}); it is not mailed again (an invitation, unless it is resent).", failure)
            : failure;
    }

    private static bool IsPermanent(SmtpErrorCode error, int status, string? enhanced)
    {
        if (status is < 500 or > 599 || error is not (SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.MessageNotAccepted))
        {
            return false;
        }

        return enhanced is null
            ? error == SmtpErrorCode.RecipientNotAccepted && status is 550 or 551 or 553
            : enhanced.StartsWith("5.1.", StringComparison.Ordinal) || (enhanced.StartsWith("5.2.", StringComparison.Ordinal) && enhanced != "5.2.2");
    }

    // RFC 3463: class.subject.detail at the start of the reply text, as servers with ENHANCEDSTATUSCODES answer.
    [GeneratedRegex(@"^\s*(?<code>[245]\.\d{1,3}\.\d{1,3})\b", RegexOptions.CultureInvariant)]
    private static partial Regex Enhanced();
}
