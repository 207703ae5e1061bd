namespace InvitationKit;

/// <summary>
/// The input of <see cref="IInvitationManager.ImportMembersAsync"/>: an existing tenant's members, brought in as they are
/// so seat counts and permissions are right from day one.
/// </summary>
/// <param name="AccountId">The account (it must exist in the account directory).</param>
/// <param name="Members">At most <see cref="MaxMembers"/> members, each user listed once.</param>
/// <threadsafety>This type is immutable.</threadsafety>
public sealed record MemberImport(string AccountId, IReadOnlyList<ImportedMember> Members)
{
    /// <summary>The most members one call imports; import a larger tenant in several calls (each is atomic).</summary>
    public const int MaxMembers = 1000;

    /// <summary>Describes the import without listing every member.</summary>
    /// <returns>A one-line description.</returns>
    public override string ToString() => $"MemberImport {{ AccountId = {AccountId}, Members = {Members?.Count ?? 0} }}";
}
