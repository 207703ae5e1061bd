namespace InvitationKit.Limits;

/// <summary>What a rate limit counts; each has its own rule in <see cref="InvitationRateLimitOptions"/>.</summary>
public enum RateLimitedOperation
{
    /// <summary>Recipients invited, partitioned by the acting user.</summary>
    InviteByActor = 0,

    /// <summary>Recipients invited, partitioned by account.</summary>
    InviteByAccount = 1,

    /// <summary>Resends, partitioned by invitation.</summary>
    Resend = 2,

    /// <summary>Activation attempts, partitioned by email key.</summary>
    ActivateByAddress = 3,

    /// <summary>Activation attempts, partitioned by the host's partition key (e.g. the client IP).</summary>
    ActivateByPartition = 4,

    /// <summary>
    /// Mails handed to the mailer (first sends, resends and retries), partitioned by a keyed hash of the recipient's
    /// address key, across tenants. A refusal defers the mail; it is never an error.
    /// </summary>
    MailByRecipient = 6,

    /// <summary>
    /// Previews and rejects of a link, partitioned by the client (the ASP.NET Core endpoints count them, keyed by
    /// <c>InvitationKitEndpointOptions.ClientPartitionKey</c>).
    /// </summary>
    PreviewOrRejectByPartition = 7,

    /// <summary>Joins of accounts through a verified email domain, partitioned by the signed-in user.</summary>
    JoinByUser = 8,

    /// <summary>A signed-in user's requests to their received invitations (list, accept or decline by id), partitioned by the user.</summary>
    ReceivedInvitationsByUser = 9,

    /// <summary>
    /// Notices queued for one invitee address by asking for a new invitation (rule 22), across tenants, partitioned by the
    /// address's key; counted only when a notice would be queued, and silent when refused.
    /// </summary>
    NewInvitationRequestByAddress = 10,

    /// <summary>Requests for a new invitation per client (a host-given partition key, e.g. the client's IP address).</summary>
    NewInvitationRequestByPartition = 11,
}
