namespace InvitationKit;

/// <summary>What <see cref="IInvitationManager.ImportMembersAsync"/> did.</summary>
/// <param name="Imported">The memberships created.</param>
/// <param name="AlreadyMembers">The user ids that were members already and were left unchanged, so an import can be rerun.</param>
/// <threadsafety>This type is immutable.</threadsafety>
public sealed record MemberImportOutcome(IReadOnlyList<Member> Imported, IReadOnlyList<string> AlreadyMembers)
{
    /// <summary>Describes the outcome with counts and the skipped users.</summary>
    /// <returns>A one-line description.</returns>
    public override string ToString() =>
        $"MemberImportOutcome {{ Imported = {Imported.Count}, AlreadyMembers = [{string.Join(", ", AlreadyMembers)}] }}";
}
