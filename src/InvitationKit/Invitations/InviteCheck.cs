namespace InvitationKit;

/// <summary>
/// The answer of a dry run (<see cref="IInvitationManager.CheckInviteAsync"/>): every problem the invite would be refused
/// for, and what it would do to the seats. Nothing was written.
/// </summary>
/// <param name="Problems">
/// The errors <see cref="IInvitationManager.InviteAsync"/> would return for the same request now, in the same order (the
/// recipients' problems, then members, pending addresses and seats); empty when the invite would succeed.
/// </param>
/// <param name="Seats">The account's seats and how many the batch would take.</param>
/// <threadsafety>This type is immutable.</threadsafety>
public sealed record InviteCheck(IReadOnlyList<InvitationError> Problems, SeatImpact Seats)
{
    /// <summary>Whether the invite would succeed now (no problems); another caller may still take the seats first.</summary>
    public bool CanInvite => Problems.Count == 0;

    /// <summary>
    /// Whether the request's idempotency key names an earlier invite of the same request: the invite would answer with
    /// that invite's outcome and create nothing, so <see cref="Seats"/> requests none.
    /// </summary>
    public bool Replays { get; init; }

    /// <summary>
    /// The recipients (each address as it was normalized) whose pending invitation the invite would resend or replace, as
    /// <see cref="InviteRequest.WhenPending"/> asks, instead of creating one; they take no seat. Empty with
    /// <see cref="PendingInvitationChoice.Refuse"/>.
    /// </summary>
    public IReadOnlyList<string> Reissued { get; init; } = [];

    /// <summary>Lists the problems by code and the seat impact.</summary>
    /// <returns>A one-line description.</returns>
    public override string ToString() =>
        $"InviteCheck {{ Problems = [{string.Join("; ", Problems)}], Seats = {Seats}, Replays = {Replays}, Reissued = [{string.Join(", ", Reissued)}] }}";
}
