using NodaTime;

namespace InvitationKit;

/// <summary>One member of a <see cref="MemberImport"/>.</summary>
/// <param name="UserId">The host's user id.</param>
/// <param name="Roles">The member's roles.</param>
/// <param name="IsOwner">Whether the member owns the account.</param>
/// <param name="JoinedAt">When they joined in the host's records; null for now. It may not lie in the future.</param>
/// <threadsafety>This type is immutable.</threadsafety>
public sealed record ImportedMember(string UserId, IReadOnlyList<string> Roles, bool IsOwner = false, Instant? JoinedAt = null)
{
    /// <summary>Describes the member with its roles listed.</summary>
    /// <returns>A one-line description.</returns>
    public override string ToString() =>
        $"ImportedMember {{ UserId = {UserId}, Roles = [{string.Join(", ", Roles ?? [])}], IsOwner = {IsOwner}, JoinedAt = {JoinedAt} }}";
}
