using Microsoft.Extensions.Logging;
using NodaTime;

namespace InvitationKit.Diagnostics;

/// <summary>
/// Every log message of the kit, with stable event ids. Messages carry ids and counts only: never a secret, an OTP,
/// a password or a hash.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Created {Count} invitation(s) in account {AccountId} by {ActorId}")]
    public static partial void InvitationsCreated(ILogger logger, int count, string accountId, string actorId);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Invite refused in account {AccountId} with {ErrorCount} error(s); first: {FirstCode}")]
    public static partial void InviteRefused(ILogger logger, string accountId, int errorCount, InvitationErrorCode firstCode);

    [LoggerMessage(EventId = 1057, Level = LogLevel.Information, Message = "Handed the links of {Count} invitation(s) in account {AccountId} to {ActorId}, who delivers them")]
    public static partial void LinksHandedToHost(ILogger logger, int count, string accountId, string actorId);

    [LoggerMessage(EventId = 1058, Level = LogLevel.Warning, Message = "Host-delivered invite refused in account {AccountId} for {ActorId}: {Code}")]
    public static partial void HostDeliveryRefused(ILogger logger, string accountId, string actorId, InvitationErrorCode code);

    [LoggerMessage(EventId = 1059, Level = LogLevel.Information, Message = "Host-delivered invite replayed in account {AccountId}: {Count} invitation(s), their links not handed out again")]
    public static partial void HostDeliveryReplayed(ILogger logger, string accountId, int count);

    [LoggerMessage(EventId = 1049, Level = LogLevel.Information, Message = "{Choice}: {Count} pending invitation(s) reissued by an invite in account {AccountId} by {ActorId}")]
    public static partial void InvitationsReissued(ILogger logger, PendingInvitationChoice choice, int count, string accountId, string actorId);

    [LoggerMessage(EventId = 1045, Level = LogLevel.Debug, Message = "Invite checked without writing (dry run) in account {AccountId}: {ProblemCount} problem(s)")]
    public static partial void InviteChecked(ILogger logger, string accountId, int problemCount);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Mail for invitation {InvitationId} failed (attempt {Attempt}); the next attempt is due at {NextAttempt}")]
    public static partial void MailFailed(ILogger logger, Exception exception, Guid invitationId, int attempt, NodaTime.Instant? nextAttempt);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "Invitation {InvitationId} changed to {Status} in account {AccountId}")]
    public static partial void StatusChanged(ILogger logger, Guid invitationId, InvitationStatus status, string accountId);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Information, Message = "Invitation {InvitationId} resent")]
    public static partial void Resent(ILogger logger, Guid invitationId);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Warning, Message = "Wrong or expired one-time password for an address; the attempt counts against its failure budget")]
    public static partial void OtpFailed(ILogger logger);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Warning, Message = "One-time password refused: the address's failure budget is spent")]
    public static partial void OtpLockedOut(ILogger logger);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Debug, Message = "Invitation {InvitationId} changed concurrently; retrying with the fresh state")]
    public static partial void ConcurrentChange(ILogger logger, Guid invitationId);

    [LoggerMessage(EventId = 1008, Level = LogLevel.Error, Message = "The audit event sink failed for a {Kind} event in account {AccountId}; the change itself is stored")]
    public static partial void EventSinkFailed(ILogger logger, Exception exception, Ports.InvitationEventKind kind, string accountId);

    [LoggerMessage(EventId = 1009, Level = LogLevel.Information, Message = "Member {UserId} removed from account {AccountId}")]
    public static partial void MemberRemoved(ILogger logger, string userId, string accountId);

    [LoggerMessage(EventId = 1010, Level = LogLevel.Information, Message = "Roles of invitation {InvitationId} changed")]
    public static partial void RolesChanged(ILogger logger, Guid invitationId);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Error, Message = "Creating the pending users of a batch in account {AccountId} failed; the batch was withdrawn")]
    public static partial void BatchWithdrawn(ILogger logger, Exception exception, string accountId);

    [LoggerMessage(EventId = 1012, Level = LogLevel.Information, Message = "Persisted {Count} expired invitation(s)")]
    public static partial void ExpiredPersisted(ILogger logger, int count);

    [LoggerMessage(EventId = 1013, Level = LogLevel.Error, Message = "The active-account observer failed for user {UserId} in account {AccountId}; the acceptance itself is stored")]
    public static partial void ObserverFailed(ILogger logger, Exception exception, string userId, string accountId);

    [LoggerMessage(EventId = 1014, Level = LogLevel.Warning, Message = "Rate limit {Operation} refused a request")]
    public static partial void RateLimited(ILogger logger, Limits.RateLimitedOperation operation);

    [LoggerMessage(EventId = 1015, Level = LogLevel.Information, Message = "Invitation {InvitationId} activated for user {UserId}")]
    public static partial void Activated(ILogger logger, Guid invitationId, string userId);

    [LoggerMessage(EventId = 1016, Level = LogLevel.Information, Message = "Invitation {InvitationId} now invites existing user {UserId}: the user was enabled by another path")]
    public static partial void BoundToExistingUser(ILogger logger, Guid invitationId, string userId);

    [LoggerMessage(EventId = 1017, Level = LogLevel.Warning, Message = "The activation claim on invitation {InvitationId} could not be released; it lapses by itself")]
    public static partial void ClaimNotReleased(ILogger logger, Exception exception, Guid invitationId);

    [LoggerMessage(EventId = 1018, Level = LogLevel.Information, Message = "Imported {Count} member(s) into account {AccountId}; {Skipped} were members already")]
    public static partial void MembersImported(ILogger logger, int count, string accountId, int skipped);

    [LoggerMessage(EventId = 1019, Level = LogLevel.Error, Message = "Recording the delivery of {Count} mail(s) failed; their leases lapse and the dispatcher sends them again")]
    public static partial void DeliveryNotRecorded(ILogger logger, Exception exception, int count);

    [LoggerMessage(EventId = 1020, Level = LogLevel.Error, Message = "Mail for invitation {InvitationId} failed {Attempts} time(s); delivery is Failed, the invitation stays resendable")]
    public static partial void DeliveryGivenUp(ILogger logger, Guid invitationId, int attempts);

    [LoggerMessage(EventId = 1021, Level = LogLevel.Information, Message = "Dispatched due invitation mail: {Sent} sent, {Retrying} retrying, {GivenUp} given up, {Deferred} deferred, {Skipped} skipped")]
    public static partial void Dispatched(ILogger logger, int sent, int retrying, int givenUp, int deferred, int skipped);

    [LoggerMessage(EventId = 1022, Level = LogLevel.Error, Message = "Returning a one-time-password attempt failed; the address's budget counts one attempt too many until its window ends")]
    public static partial void OtpAttemptNotReleased(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1023, Level = LogLevel.Error, Message = "Withdrawing a failed batch in account {AccountId} failed too; the batch stays stored and the dispatcher mails it")]
    public static partial void WithdrawalFailed(ILogger logger, Exception exception, string accountId);

    [LoggerMessage(EventId = 1024, Level = LogLevel.Information, Message = "Invite replayed in account {AccountId} for a repeated idempotency key: {Count} invitation(s), nothing created")]
    public static partial void InviteReplayed(ILogger logger, string accountId, int count);

    [LoggerMessage(EventId = 1025, Level = LogLevel.Warning, Message = "Old idempotency keys could not be deleted; the next expiry sweep tries again")]
    public static partial void IdempotencyKeysNotDeleted(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1026, Level = LogLevel.Warning, Message = "A user created for a withdrawn batch in account {AccountId} could not be removed; it stays pending activation until the host's registration releases it or the next invitation of its address reuses it")]
    public static partial void PendingUserRemovalFailed(ILogger logger, Exception exception, string accountId);

    [LoggerMessage(EventId = 1027, Level = LogLevel.Information, Message = "Member {UserId} left account {AccountId}")]
    public static partial void MemberLeft(ILogger logger, string userId, string accountId);

    [LoggerMessage(EventId = 1028, Level = LogLevel.Information, Message = "Mail for invitation {InvitationId} deferred until {DueAt}: its recipient's mail limit is reached")]
    public static partial void MailDeferred(ILogger logger, Guid invitationId, NodaTime.Instant dueAt);

    [LoggerMessage(EventId = 1029, Level = LogLevel.Warning, Message = "Lapsed one-time-password failure counts could not be deleted; the next expiry sweep tries again")]
    public static partial void OtpFailuresNotDeleted(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1040, Level = LogLevel.Information, Message = "User {UserId}, pending activation, deleted: invitation {InvitationId} ended and no live invitation names the address")]
    public static partial void PendingUserReleased(ILogger logger, string userId, Guid invitationId);

    [LoggerMessage(EventId = 1041, Level = LogLevel.Warning, Message = "The pending user of ended invitation {InvitationId} could not be released; the next expiry sweep tries again")]
    public static partial void PendingUserReleaseFailed(ILogger logger, Exception exception, Guid invitationId);

    [LoggerMessage(EventId = 1042, Level = LogLevel.Warning, Message = "The expiry sweep could not read the ended invitations whose pending users await release; the next sweep tries again")]
    public static partial void PendingUserReleasesNotRead(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1043, Level = LogLevel.Information, Message = "User {UserId}, pending activation, deleted for the host's registration of its address")]
    public static partial void PendingUserReleasedForRegistration(ILogger logger, string userId);

    [LoggerMessage(EventId = 1044, Level = LogLevel.Information, Message = "User {UserId} claimed {Count} new-user invitation(s) of their proven address")]
    public static partial void InvitationsClaimed(ILogger logger, string userId, int count);

    [LoggerMessage(EventId = 1046, Level = LogLevel.Debug, Message = "Refused an operation on account {AccountId}: the host disabled the account")]
    public static partial void AccountDisabled(ILogger logger, string accountId);

    [LoggerMessage(EventId = 1052, Level = LogLevel.Debug, Message = "Mail for invitation {InvitationId} held: its account {AccountId} is disabled; looked at again at {NextAttempt}")]
    public static partial void MailHeld(ILogger logger, Guid invitationId, string accountId, Instant nextAttempt);

    [LoggerMessage(EventId = 1047, Level = LogLevel.Information, Message = "Email domains of account {AccountId} set by {ActorId}: {Count} domain(s)")]
    public static partial void EmailDomainsChanged(ILogger logger, string accountId, string actorId, int count);

    [LoggerMessage(EventId = 1048, Level = LogLevel.Information, Message = "User {UserId} joined account {AccountId} through its verified email domain")]
    public static partial void JoinedByVerifiedDomain(ILogger logger, string userId, string accountId);

    [LoggerMessage(EventId = 1050, Level = LogLevel.Information, Message = "Erased the addresses of {Count} invitation(s) finished more than {Retention} ago (FinishedInvitationRetention)")]
    public static partial void FinishedInvitationsErased(ILogger logger, int count, Duration retention);

    [LoggerMessage(EventId = 1051, Level = LogLevel.Warning, Message = "Erasing the personal data of finished invitations failed; the next sweep tries again")]
    public static partial void FinishedInvitationsNotErased(ILogger logger, Exception exception);
}
