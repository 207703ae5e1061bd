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
/// <threadsafety>This type is immutable.</threadsafety>
public sealed record InviteRequest(string AccountId, string ProductId, IReadOnlyList<InviteRecipient> Recipients, InviteMode Mode = InviteMode.Auto, string? IdempotencyKey = null, PendingInvitationChoice WhenPending = PendingInvitationChoice.Refuse);
