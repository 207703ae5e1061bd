using System.Text.Json.Serialization;

namespace InvitationKit.AspNetCore.Endpoints;

/// <summary>The body of <c>POST {prefix}/accounts/{accountId}/invitations</c>.</summary>
/// <param name="ProductId">The product invited into.</param>
/// <param name="Recipients">The recipients, at most <see cref="InvitationKitOptions.MaxBatchSize"/>.</param>
/// <param name="Mode">Whether to invite registered users only, new users only, or both (the default).</param>
/// <threadsafety>This type is immutable.</threadsafety>
public sealed record InviteBody(
    string ProductId,
    IReadOnlyList<RecipientBody> Recipients,
    [property: JsonConverter(typeof(JsonStringEnumConverter<InviteMode>))] InviteMode Mode = InviteMode.Auto);
