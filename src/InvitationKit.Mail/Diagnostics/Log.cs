using Microsoft.Extensions.Logging;

namespace InvitationKit.Mail;

/// <summary>
/// Every log message of InvitationKit.Mail, with stable event ids (1200–1299). Messages carry ids only: never an
/// address, a name, a link, a secret or a code.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1200, Level = LogLevel.Debug, Message = "Mail for invitation {InvitationId} handed to the SMTP server, in {Culture}")]
    public static partial void Sent(ILogger logger, Guid invitationId, string culture);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Debug, Message = "Connected to the SMTP server {Host}:{Port} ({Security})")]
    public static partial void Connected(ILogger logger, string host, int port, SmtpSecurity security);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Debug, Message = "The SMTP connection could not be closed cleanly; it is dropped")]
    public static partial void NotClosed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Debug, Message = "Mail for invitation {InvitationId} written to the pickup directory, in {Culture}")]
    public static partial void WrittenToPickupDirectory(ILogger logger, Guid invitationId, string culture);

    [LoggerMessage(EventId = 1204, Level = LogLevel.Debug, Message = "Notice mail about invitation {InvitationId} handed to the SMTP server, in {Culture}")]
    public static partial void NoticeSent(ILogger logger, Guid invitationId, string culture);

    [LoggerMessage(EventId = 1205, Level = LogLevel.Information, Message = "Notice about invitation {InvitationId}: user {UserId} has no contact to mail (unknown, no confirmed address, or locked out); left out")]
    public static partial void NoticeRecipientDropped(ILogger logger, Guid invitationId, string userId);

    [LoggerMessage(EventId = 1206, Level = LogLevel.Debug, Message = "Notice mail about invitation {InvitationId} written to the pickup directory, in {Culture}")]
    public static partial void NoticeWrittenToPickupDirectory(ILogger logger, Guid invitationId, string culture);

    [LoggerMessage(EventId = 1207, Level = LogLevel.Warning, Message = "Notice mail about invitation {InvitationId}: one recipient's mailbox was refused for good; the others are still mailed")]
    public static partial void NoticeRecipientRefused(ILogger logger, Guid invitationId, Exception exception);
}
