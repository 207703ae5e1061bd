namespace InvitationKit;

/// <summary>An account's seats (rule 2): members plus pending, unexpired invitations, against the user limit.</summary>
/// <param name="Limit">The account's user limit.</param>
/// <param name="Occupied">Seats taken.</param>
/// <threadsafety>This type is immutable.</threadsafety>
public readonly record struct SeatUsage(int Limit, int Occupied)
{
    /// <summary>Seats still free (never negative).</summary>
    public int Available => Math.Max(0, Limit - Occupied);
}
