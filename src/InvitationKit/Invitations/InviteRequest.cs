namespace InvitationKit;

/// <summary>An invite: 1..<see cref="InvitationKitOptions.MaxBatchSize"/> recipients into one account for one product.</summary>
/// <param name="AccountId">The account to invite into.</param>
/// <param name="ProductId">The product the invitation refers to.</param>
/// <param name="Recipients">The recipients; the batch is all-or-nothing.</param>
/// <param name="Mode">How recipients are matched to registered users.</param>
/// <param name="IdempotencyKey">
/// Makes a retried invite safe: the same key (in the account) with the same request — actor, product, mode,
/// recipients and <paramref name="WhenPending"/> — returns the first outcome, the invitations it created as they are now, and creates nothing; the same key
/// with another request is <see cref="InvitationErrorCode.IdempotencyKeyReused"/>. A refused invite records nothing, so
/// its retry is decided afresh. Keys are kept for <see cref="InvitationKitOptions.InvitationLifetime"/>. Null: no replay protection.
/// </param>
/// <param name="WhenPending">
/// What to do for a recipient whose address already has a pending invitation to the account: refuse it (the default),
/// resend it, or replace it with the request's product, roles and owner flag (<see cref="PendingInvitationChoice"/>).
/// </param>
/// <remarks>
/// The options per invitation — <see cref="Lifetime"/>, <see cref="Metadata"/>, <see cref="ReturnUrl"/> and
/// <see cref="Language"/> — are the request's and apply to every invitation of the batch (rule 25); recipients who need
/// other options are invited by another request. They are part of the request an idempotency key names.
/// </remarks>
/// <threadsafety>This type is immutable.</threadsafety>
public sealed record InviteRequest(string AccountId, string ProductId, IReadOnlyList<InviteRecipient> Recipients, InviteMode Mode = InviteMode.Auto, string? IdempotencyKey = null, PendingInvitationChoice WhenPending = PendingInvitationChoice.Refuse)
{
    /// <summary>
    /// How long the batch's invitations stay valid, between <see cref="InvitationKitOptions.MinInvitationLifetime"/> and
    /// <see cref="InvitationKitOptions.MaxInvitationLifetime"/> (else <see cref="InvitationErrorCode.LifetimeOutOfBounds"/>);
    /// a resend renews the invitation by this lifetime again. Null: <see cref="InvitationKitOptions.InvitationLifetime"/>.
    /// </summary>
    public NodaTime.Duration? Lifetime { get; init; }

    /// <summary>
    /// The host's own key/values for each invitation of the batch, bounded by <see cref="InvitationKitOptions.MaxMetadataEntries"/>,
    /// <see cref="InvitationKitOptions.MaxMetadataKeyLength"/> and <see cref="InvitationKitOptions.MaxMetadataValueLength"/>
    /// (else <see cref="InvitationErrorCode.InvalidMetadata"/>). Stored with the invitation, given to the mailer and to
    /// those who manage invitations, and carried to the membership on acceptance; never shown to the invitee's preview
    /// and never logged. Null or empty: none.
    /// </summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    /// <summary>
    /// Where the invitee goes once done, for the mail and the landing page: an absolute <c>http</c> or <c>https</c> URL
    /// whose origin is one of <see cref="InvitationKitOptions.AllowedReturnOrigins"/> (else
    /// <see cref="InvitationErrorCode.ReturnUrlNotAllowed"/>). Null: none.
    /// </summary>
    public string? ReturnUrl { get; init; }

    /// <summary>
    /// The language of the mail and the landing page, a BCP 47 tag such as <c>ru</c> or <c>pt-BR</c>, one of
    /// <see cref="InvitationKitOptions.SupportedLanguages"/> when the deployment lists any (else
    /// <see cref="InvitationErrorCode.LanguageNotSupported"/>). Null: the mail's default.
    /// </summary>
    public string? Language { get; init; }
}
