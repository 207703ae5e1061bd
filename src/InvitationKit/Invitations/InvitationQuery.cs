namespace InvitationKit;

/// <summary>A page of an account's invitations, optionally filtered by effective status and delivery state (rule 15).</summary>
/// <param name="AccountId">The account.</param>
/// <param name="Status">Only invitations with this effective status; null for all.</param>
/// <param name="Offset">How many matching invitations to skip (newest first).</param>
/// <param name="Limit">The page size, 1..<see cref="InvitationKitOptions.MaxPageSize"/>.</param>
/// <param name="Delivery">Only invitations in this delivery state (for example <see cref="DeliveryState.Failed"/>, to find undelivered ones); null for all.</param>
/// <threadsafety>This type is immutable.</threadsafety>
public sealed record InvitationQuery(string AccountId, InvitationStatus? Status = null, int Offset = 0, int Limit = 50, DeliveryState? Delivery = null);
