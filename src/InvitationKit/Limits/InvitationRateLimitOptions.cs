using NodaTime;

namespace InvitationKit;

/// <summary>
/// The throttles in front of the kit's entry points (<see cref="InvitationKitOptions.RateLimits"/>). They protect the
/// store and the mail server and slow down probing; the security limits that must hold across instances and restarts
/// (the OTP failure budget, resend counts and cooldown) live in the store instead.
/// </summary>
public sealed class InvitationRateLimitOptions
{
    /// <summary>Recipients one actor may invite.</summary>
    /// <value>
    /// Defaults to 300 per hour: an owner fills an account of the default 250 seats (249 beside them) in one hour, in 13
    /// batches of the default 20, with room for a batch refused in between.
    /// </value>
    public RateLimitRule InvitesPerActor { get; set; } = new(300, Duration.FromHours(1));

    /// <summary>Recipients one account may be sent invitations for.</summary>
    /// <value>Defaults to 1 000 per hour.</value>
    public RateLimitRule InvitesPerAccount { get; set; } = new(1000, Duration.FromHours(1));

    /// <summary>Resends of one invitation (on top of <see cref="InvitationKitOptions.ResendCooldown"/>).</summary>
    /// <value>Defaults to 3 per hour.</value>
    public RateLimitRule ResendsPerInvitation { get; set; } = new(3, Duration.FromHours(1));

    /// <summary>Activation attempts for one address.</summary>
    /// <value>Defaults to 10 per 15 minutes.</value>
    public RateLimitRule ActivationsPerAddress { get; set; } = new(10, Duration.FromMinutes(15));

    /// <summary>Activation attempts per host-given partition (<see cref="ActivationRequest.PartitionKey"/>, e.g. the client's IP address).</summary>
    /// <value>Defaults to 30 per 15 minutes.</value>
    public RateLimitRule ActivationsPerPartition { get; set; } = new(30, Duration.FromMinutes(15));

    /// <summary>
    /// Previews and rejects of links per client, counted by the ASP.NET Core endpoints before the kit looks the link up
    /// (the manager's <c>PreviewAsync</c> and <c>RejectAsync</c> take no client key: a host calling them itself counts
    /// <see cref="Limits.RateLimitedOperation.PreviewOrRejectByPartition"/> on <see cref="Limits.IInvitationRateLimiter"/>).
    /// </summary>
    /// <value>Defaults to 60 per 15 minutes.</value>
    public RateLimitRule PreviewsAndRejectsPerPartition { get; set; } = new(60, Duration.FromMinutes(15));

    /// <summary>
    /// Mails handed to the mailer for one recipient address, across tenants: first sends, resends and retries alike. A
    /// mail over the limit is not refused but deferred: its delivery is rescheduled for the end of the window, without
    /// counting as an attempt, and a mail whose invitation is revoked meanwhile is never sent.
    /// </summary>
    /// <value>Defaults to 5 per hour.</value>
    public RateLimitRule MailsPerRecipient { get; set; } = new(5, Duration.FromHours(1));

    /// <summary>Joins of accounts through a verified email domain, per signed-in user.</summary>
    /// <value>Defaults to 10 per 15 minutes.</value>
    public RateLimitRule JoinsPerUser { get; set; } = new(10, Duration.FromMinutes(15));

    /// <summary>
    /// Requests to a signed-in user's received invitations — listing them, and accepting or declining one by its id —
    /// per user.
    /// </summary>
    /// <value>Defaults to 60 per 15 minutes.</value>
    public RateLimitRule ReceivedInvitationRequestsPerUser { get; set; } = new(60, Duration.FromMinutes(15));

    /// <summary>
    /// Notices one invitee address may cause by asking for a new invitation (rule 22), across accounts. A request over the
    /// limit gets the same answer as any other and queues nothing.
    /// </summary>
    /// <value>Defaults to 3 per 24 hours: at most one per invitation anyway, so this bounds an address with many expired invitations.</value>
    public RateLimitRule NewInvitationRequestsPerAddress { get; set; } = new(3, Duration.FromHours(24));

    /// <summary>Requests for a new invitation per client (the endpoint's client partition key, or the host's).</summary>
    /// <value>Defaults to 10 per 15 minutes.</value>
    public RateLimitRule NewInvitationRequestsPerPartition { get; set; } = new(10, Duration.FromMinutes(15));

    /// <summary>
    /// The most partitions the in-process limiter holds per rule. When a rule holds this many, a request that needs a new
    /// partition drops the partitions whose window has ended and, if none has, is refused (fail closed) with the rule's
    /// window as its retry time. Partitions already held are counted as usual.
    /// </summary>
    /// <value>Defaults to 100 000; 1..10 000 000.</value>
    public int MaxTrackedPartitions { get; set; } = 100_000;

    /// <summary>The rule that counts an operation: what a custom <see cref="Limits.IInvitationRateLimiter"/> enforces.</summary>
    /// <param name="operation">The operation.</param>
    /// <returns>Its rule; <see cref="RateLimitRule.Off"/> for an operation no rule counts.</returns>
    public RateLimitRule RuleFor(Limits.RateLimitedOperation operation) =>
        Rules().Where(r => r.Operation == operation).Select(r => r.Rule).FirstOrDefault() ?? RateLimitRule.Off;

    /// <summary>Every rule with the operation it counts and its option name: the one list the limiter and the validator share.</summary>
    internal IEnumerable<(Limits.RateLimitedOperation Operation, string Name, RateLimitRule Rule)> Rules() =>
    [
        (Limits.RateLimitedOperation.InviteByActor, nameof(InvitesPerActor), InvitesPerActor),
        (Limits.RateLimitedOperation.InviteByAccount, nameof(InvitesPerAccount), InvitesPerAccount),
        (Limits.RateLimitedOperation.Resend, nameof(ResendsPerInvitation), ResendsPerInvitation),
        (Limits.RateLimitedOperation.ActivateByAddress, nameof(ActivationsPerAddress), ActivationsPerAddress),
        (Limits.RateLimitedOperation.ActivateByPartition, nameof(ActivationsPerPartition), ActivationsPerPartition),
        (Limits.RateLimitedOperation.PreviewOrRejectByPartition, nameof(PreviewsAndRejectsPerPartition), PreviewsAndRejectsPerPartition),
        (Limits.RateLimitedOperation.MailByRecipient, nameof(MailsPerRecipient), MailsPerRecipient),
        (Limits.RateLimitedOperation.JoinByUser, nameof(JoinsPerUser), JoinsPerUser),
        (Limits.RateLimitedOperation.ReceivedInvitationsByUser, nameof(ReceivedInvitationRequestsPerUser), ReceivedInvitationRequestsPerUser),
        (Limits.RateLimitedOperation.NewInvitationRequestByAddress, nameof(NewInvitationRequestsPerAddress), NewInvitationRequestsPerAddress),
        (Limits.RateLimitedOperation.NewInvitationRequestByPartition, nameof(NewInvitationRequestsPerPartition), NewInvitationRequestsPerPartition),
    ];

    /// <summary>Every throttle off: for tests, benchmarks and hosts that throttle in front of the kit themselves.</summary>
    /// <returns>New options with every rule <see cref="RateLimitRule.Off"/>.</returns>
    public static InvitationRateLimitOptions Unlimited() => new()
    {
        InvitesPerActor = RateLimitRule.Off,
        InvitesPerAccount = RateLimitRule.Off,
        ResendsPerInvitation = RateLimitRule.Off,
        ActivationsPerAddress = RateLimitRule.Off,
        ActivationsPerPartition = RateLimitRule.Off,
        PreviewsAndRejectsPerPartition = RateLimitRule.Off,
        MailsPerRecipient = RateLimitRule.Off,
        JoinsPerUser = RateLimitRule.Off,
        ReceivedInvitationRequestsPerUser = RateLimitRule.Off,
        NewInvitationRequestsPerAddress = RateLimitRule.Off,
        NewInvitationRequestsPerPartition = RateLimitRule.Off,
    };
}
