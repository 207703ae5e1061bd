using NodaTime;

namespace InvitationKit;

/// <summary>
/// What an accept/decline landing page shows for an invitation link (<see cref="IInvitationManager.PreviewAsync"/>):
/// where the invitation leads and what it grants, its expiry, language and return URL. Nothing about the recipient beyond
/// what the link holder already has, and not the host's metadata (rule 25).
/// </summary>
/// <threadsafety>This type is immutable.</threadsafety>
public sealed record InvitationPreview
{
    /// <summary>The account invited into.</summary>
    public required string AccountId { get; init; }

    /// <summary>The account's name.</summary>
    public required string AccountName { get; init; }

    /// <summary>The product the invitation refers to.</summary>
    public required string ProductId { get; init; }

    /// <summary>The product's name.</summary>
    public required string ProductName { get; init; }

    /// <summary>Whether the invitee accepts by signing in (existing user) or activates with the mailed code (new user).</summary>
    public required InvitationKind Kind { get; init; }

    /// <summary>The roles the invitee will have.</summary>
    public required IReadOnlyList<string> Roles { get; init; }

    /// <summary>Whether the invitee will have owner capability.</summary>
    public required bool GrantsOwner { get; init; }

    /// <summary>When the invitation expires.</summary>
    public required Instant ExpiresAt { get; init; }

    /// <summary>Where the invitee goes once done (rule 25): an allowed origin's absolute URL; null when the invite gave none.</summary>
    public string? ReturnUrl { get; init; }

    /// <summary>The language to show the page in (a BCP 47 tag, rule 25); null for the application's default.</summary>
    public string? Language { get; init; }

    /// <summary>Describes the preview with its roles listed.</summary>
    /// <returns>A one-line description.</returns>
    public override string ToString() =>
        $"InvitationPreview {{ Account = {AccountName}, Product = {ProductName}, Kind = {Kind}, Roles = [{string.Join(", ", Roles)}], GrantsOwner = {GrantsOwner}, ExpiresAt = {ExpiresAt} }}";
}
