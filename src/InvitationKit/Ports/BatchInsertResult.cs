namespace InvitationKit.Ports;

/// <summary>The outcome of <see cref="IInvitationStore.InsertBatchAsync"/>.</summary>
/// <param name="Status">Inserted, or why not.</param>
/// <param name="OccupiedSeats">Seats occupied before the insert, as counted inside the atomic step.</param>
/// <param name="PendingEmailKeys">The batch's email keys that already had an effectively pending invitation.</param>
/// <param name="MemberUserIds">The user ids of the batch's invitations (<see cref="Invitation.UserId"/>) that are already members of the account.</param>
/// <threadsafety>This type is immutable.</threadsafety>
/// <remarks>A refused batch reports every finding at once, whatever <see cref="Status"/> names first, so the caller can list every problem.</remarks>
public sealed record BatchInsertResult(BatchInsertStatus Status, int OccupiedSeats, IReadOnlyList<string> PendingEmailKeys, IReadOnlyList<string> MemberUserIds)
{
    /// <summary>The batch was inserted.</summary>
    /// <param name="occupiedSeats">Seats occupied before the insert.</param>
    /// <returns>The result.</returns>
    public static BatchInsertResult Inserted(int occupiedSeats) => new(BatchInsertStatus.Inserted, occupiedSeats, [], []);

    /// <summary>The account holds the batch's idempotency key already; nothing was stored.</summary>
    public static BatchInsertResult IdempotencyKeyUsed { get; } = new(BatchInsertStatus.IdempotencyKeyUsed, 0, [], []);

    /// <summary>A reissued invitation (<see cref="InvitationBatch.Reissued"/>) changed since it was read; nothing was stored.</summary>
    public static BatchInsertResult Conflict { get; } = new(BatchInsertStatus.Conflict, 0, [], []);

    /// <summary>Decides from the findings: inserted only when nothing stands in the way.</summary>
    /// <param name="batch">The batch.</param>
    /// <param name="occupiedSeats">Seats occupied before the insert.</param>
    /// <param name="pendingEmailKeys">The batch's keys already pending.</param>
    /// <param name="memberUserIds">The batch's user ids already members.</param>
    /// <returns>The result.</returns>
    public static BatchInsertResult Decide(InvitationBatch batch, int occupiedSeats, IReadOnlyList<string> pendingEmailKeys, IReadOnlyList<string> memberUserIds)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var status = pendingEmailKeys.Count > 0 ? BatchInsertStatus.AlreadyPending
            : memberUserIds.Count > 0 ? BatchInsertStatus.AlreadyMember
            : occupiedSeats + batch.Invitations.Count > batch.UserLimit ? BatchInsertStatus.SeatsExhausted
            : BatchInsertStatus.Inserted;
        return new BatchInsertResult(status, occupiedSeats, pendingEmailKeys, memberUserIds);
    }
}

/// <summary>Whether a batch was inserted.</summary>
public enum BatchInsertStatus
{
    /// <summary>Every invitation was inserted.</summary>
    Inserted = 0,

    /// <summary>Nothing was inserted: the batch would exceed the user limit.</summary>
    SeatsExhausted = 1,

    /// <summary>Nothing was inserted: some addresses already have a pending invitation.</summary>
    AlreadyPending = 2,

    /// <summary>Nothing was inserted: some invited users are already members of the account.</summary>
    AlreadyMember = 3,

    /// <summary>The account already holds the batch's idempotency key; nothing was stored.</summary>
    IdempotencyKeyUsed = 4,

    /// <summary>Nothing was stored: a reissued invitation's revision moved on since it was read (<see cref="InvitationBatch.Reissued"/>).</summary>
    Conflict = 5,
}
