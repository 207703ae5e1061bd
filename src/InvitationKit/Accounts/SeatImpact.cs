namespace InvitationKit;

/// <summary>What an invite would do to an account's seats (rule 2), as <see cref="IInvitationManager.CheckInviteAsync"/> reports it.</summary>
/// <param name="Limit">The account's user limit.</param>
/// <param name="Occupied">Seats taken now: members plus pending, unexpired invitations.</param>
/// <param name="Requested">
/// Seats the batch would take: its well-formed, distinct recipients that are neither members nor invited already.
/// </param>
/// <threadsafety>This type is immutable.</threadsafety>
public readonly record struct SeatImpact(int Limit, int Occupied, int Requested)
{
    /// <summary>Seats still free once the batch is in (never negative).</summary>
    public int AvailableAfter => Math.Max(0, Limit - Occupied - Requested);

    /// <summary>Seats the batch asks for beyond the limit (0 when it fits): the invite is refused with <see cref="InvitationErrorCode.UserLimitExceeded"/>.</summary>
    public int Shortfall => Math.Max(0, Occupied + Requested - Limit);
}
