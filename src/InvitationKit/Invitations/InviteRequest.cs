namespace InvitationKit;

/// <summary>An invite: 1..<see cref="InvitationKitOptions.MaxBatchSize"/> recipients into one account for one product.</summary>
/// <param name="AccountId">The account to invite into.</param>
/// <param name="ProductId">The product the invitation refers to.</param>
/// <param name="Recipients">The recipients; the batch is all-or-nothing.</param>
/// <param name="Mode">How recipients are matched to registered users.</param>
/// <threadsafety>This type is immutable.</threadsafety>
public sealed record InviteRequest(string AccountId, string ProductId, IReadOnlyList<InviteRecipient> Recipients, InviteMode Mode = InviteMode.Auto);
