using NodaTime;

namespace InvitationKit;

/// <summary>A user's membership of an account, created when an invitation is accepted or activated.</summary>
/// <param name="AccountId">The account.</param>
/// <param name="UserId">The member.</param>
/// <param name="Roles">The member's roles.</param>
/// <param name="IsOwner">Whether the member has owner capability.</param>
/// <param name="JoinedAt">When the membership began.</param>
/// <param name="InvitationId">The invitation that created it; null for a founding owner.</param>
/// <threadsafety>This type is immutable.</threadsafety>
public sealed record Member(string AccountId, string UserId, IReadOnlyList<string> Roles, bool IsOwner, Instant JoinedAt, Guid? InvitationId)
{
    /// <summary>The host's key/values of the invitation that created the membership (<see cref="InviteRequest.Metadata"/>); empty when none.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = InvitationMetadata.Empty;

    /// <summary>Describes the membership with its roles listed.</summary>
    /// <returns>A one-line description.</returns>
    public override string ToString() =>
        $"Member {{ AccountId = {AccountId}, UserId = {UserId}, Roles = [{string.Join(", ", Roles)}], IsOwner = {IsOwner}, JoinedAt = {JoinedAt}, InvitationId = {InvitationId} }}";
}
