namespace InvitationKit;

/// <summary>What one <see cref="IInvitationDispatcher.DispatchAsync"/> call did.</summary>
/// <param name="Sent">Mails the mailer accepted.</param>
/// <param name="Retrying">Mails that failed and are scheduled again.</param>
/// <param name="GivenUp">Invitations whose delivery is now <see cref="DeliveryState.Failed"/> for good (they stay resendable).</param>
/// <param name="Skipped">Due invitations another instance or a person changed first.</param>
/// <threadsafety>This type is immutable.</threadsafety>
public readonly record struct DispatchReport(int Sent, int Retrying, int GivenUp, int Skipped)
{
    /// <summary>
    /// Mails over their recipient's limit (<see cref="InvitationRateLimitOptions.MailsPerRecipient"/>), rescheduled for when
    /// its window frees, and mails of accounts the host disabled, held until they are enabled again
    /// (<see cref="Ports.AccountInfo.IsDisabled"/>); a deferral is no failed attempt.
    /// </summary>
    public int Deferred { get; init; }

    /// <summary>Notices to inviters and managers the notice mailer accepted (<see cref="Ports.IInvitationNoticeMailer"/>).</summary>
    public int NoticesSent { get; init; }

    /// <summary>Notices that failed: scheduled again, or given up.</summary>
    public int NoticesFailed { get; init; }

    /// <summary>
    /// Invitations whose "expires soon" reminder was armed (rule 23, <see cref="InvitationKitOptions.ReminderLead"/>):
    /// their mail is due, and counted in <see cref="Sent"/> once sent.
    /// </summary>
    public int Reminded { get; init; }

    /// <summary>Whether the call found nothing to do.</summary>
    public bool IsEmpty => Sent + Retrying + GivenUp + Deferred + Skipped + NoticesSent + NoticesFailed + Reminded == 0;
}
