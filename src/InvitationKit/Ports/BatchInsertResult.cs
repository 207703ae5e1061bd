namespace InvitationKit.Ports;

/// <summary>The outcome of <see cref="IInvitationStore.InsertBatchAsync"/>.</summary>
/// <param name="Status">Inserted, or why not.</param>
/// <param name="OccupiedSeats">Seats occupied before the insert, as counted inside the atomic step.</param>
/// <param name="PendingEmailKeys">The batch's email keys that already had an effectively pending invitation.</param>
/// <threadsafety>This type is immutable.</threadsafety>
public sealed record BatchInsertResult(BatchInsertStatus Status, int OccupiedSeats, IReadOnlyList<string> PendingEmailKeys)
{
    /// <summary>The batch was inserted.</summary>
    /// <param name="occupiedSeats">Seats occupied before the insert.</param>
    /// <returns>The result.</returns>
    public static BatchInsertResult Inserted(int occupiedSeats) => new(BatchInsertStatus.Inserted, occupiedSeats, []);
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
}
