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
    [property: JsonConverter(typeof(JsonStringEnumConverter<PendingInvitationChoice>))] PendingInvitationChoice WhenPending = PendingInvitationChoice.Refuse)
{
    /// <summary>How long the invitations stay valid, in seconds (<see cref="InviteRequest.Lifetime"/>); null: the deployment's default.</summary>
    public long? LifetimeSeconds { get; init; }

    /// <summary>The host's key/values for every invitation of the batch (<see cref="InviteRequest.Metadata"/>); null: none.</summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    /// <summary>Where the invitee goes once done (<see cref="InviteRequest.ReturnUrl"/>); null: none.</summary>
    public string? ReturnUrl { get; init; }

    /// <summary>The language of the mail and the landing page (<see cref="InviteRequest.Language"/>); null: the mail's default.</summary>
    public string? Language { get; init; }
}
