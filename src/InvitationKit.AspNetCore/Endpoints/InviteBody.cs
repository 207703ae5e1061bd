using System.Text.Json.Serialization;

namespace InvitationKit.AspNetCore.Endpoints;

/// <summary>The body of <c>POST {prefix}/accounts/{accountId}/invitations</c>.</summary>
/// <param name="ProductId">The product invited into.</param>
/// <param name="Recipients">The recipients, at most <see cref="InvitationKitOptions.MaxBatchSize"/>.</param>
/// <param name="Mode">Whether to invite registered users only, new users only, or both (the default).</param>
/// <param name="WhenPending">
/// What to do for a recipient whose address already has a pending invitation to the account: <c>"refuse"</c> (the
/// default), <c>"resend"</c> or <c>"replace"</c> (<see cref="PendingInvitationChoice"/>).
/// </param>
/// <threadsafety>This type is immutable.</threadsafety>
public sealed record InviteBody(
    string ProductId,
    IReadOnlyList<RecipientBody> Recipients,
    [property: JsonConverter(typeof(JsonStringEnumConverter<InviteMode>))] InviteMode Mode = InviteMode.Auto,
    [property: JsonConverter(typeof(JsonStringEnumConverter<PendingInvitationChoice>))] PendingInvitationChoice WhenPending = PendingInvitationChoice.Refuse);
