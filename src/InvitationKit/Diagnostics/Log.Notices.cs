using Microsoft.Extensions.Logging;
using NodaTime;

namespace InvitationKit.Diagnostics;

/// <summary>The log messages of notices to inviters and of reminders (rules 22 and 23): ids only, never a secret.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1060, Level = LogLevel.Information, Message = "A new invitation was asked for with invitation {InvitationId} of account {AccountId}: its inviter is told")]
    public static partial void NewInvitationRequested(ILogger logger, Guid invitationId, string accountId);

    [LoggerMessage(EventId = 1061, Level = LogLevel.Information, Message = "Notice {Kind} about invitation {InvitationId} sent to {Recipients} user(s)")]
    public static partial void NoticeSent(ILogger logger, InvitationNoticeKind kind, Guid invitationId, int recipients);

    [LoggerMessage(EventId = 1062, Level = LogLevel.Warning, Message = "Notice about invitation {InvitationId} failed on attempt {Attempt}; next attempt at {NextAttempt} (none: given up)")]
    public static partial void NoticeFailed(ILogger logger, Exception exception, Guid invitationId, int attempt, Instant? nextAttempt);

    [LoggerMessage(EventId = 1063, Level = LogLevel.Warning, Message = "Notice about invitation {InvitationId} given up: {Reason}")]
    public static partial void NoticeGivenUp(ILogger logger, Guid invitationId, string reason);

    [LoggerMessage(EventId = 1064, Level = LogLevel.Information, Message = "Invitation {InvitationId} of account {AccountId} expires at {ExpiresAt}: its invitee is reminded")]
    public static partial void ReminderArmed(ILogger logger, Guid invitationId, string accountId, Instant expiresAt);

    [LoggerMessage(EventId = 1065, Level = LogLevel.Debug, Message = "A request for a new invitation was not passed on (unknown link, live or accepted invitation, asked already, or over the address's limit)")]
    public static partial void NewInvitationRequestIgnored(ILogger logger);

    [LoggerMessage(EventId = 1066, Level = LogLevel.Warning, Message = "The dispatch's {Pass} stopped on a failure; the next dispatch goes on with them")]
    public static partial void NoticePassFailed(ILogger logger, Exception exception, string pass);
}
