namespace InvitationKit;

/// <summary>The figures behind <see cref="InvitationErrorCode.UserLimitExceeded"/> (rule 2).</summary>
/// <param name="Limit">The account's user limit.</param>
/// <param name="Occupied">Seats taken: members plus pending, unexpired invitations.</param>
/// <param name="Requested">Seats the refused invite asked for.</param>
/// <threadsafety>This type is immutable.</threadsafety>
public readonly record struct SeatLimitDetails(int Limit, int Occupied, int Requested)
{
    /// <summary>Seats still free (never negative).</summary>
    public int Available => Math.Max(0, Limit - Occupied);
}
