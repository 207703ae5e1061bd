namespace InvitationKit.Ports;

/// <summary>The outcome of <see cref="IMemberStore.ImportMembersAsync"/>.</summary>
/// <param name="Status">Imported, or why not.</param>
/// <param name="OccupiedSeats">Seats occupied before the import, as counted inside the atomic step.</param>
/// <param name="AlreadyMembers">The batch's user ids that were members already (left unchanged, not counted as new seats).</param>
/// <threadsafety>This type is immutable.</threadsafety>
public sealed record MemberImportResult(MemberImportStatus Status, int OccupiedSeats, IReadOnlyList<string> AlreadyMembers);

/// <summary>Whether an import was stored.</summary>
public enum MemberImportStatus
{
    /// <summary>Every member who was not a member yet was added.</summary>
    Imported = 0,

    /// <summary>Nothing was added: the new members would exceed the user limit.</summary>
    SeatsExhausted = 1,

    /// <summary>Nothing was added: the account would have members but no owner.</summary>
    OwnerRequired = 2,
}
