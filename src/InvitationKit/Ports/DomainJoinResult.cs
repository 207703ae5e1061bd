namespace InvitationKit.Ports;

/// <summary>The outcome of a <see cref="IEmailDomainStore.JoinAsync"/>.</summary>
/// <param name="Status">What happened.</param>
/// <param name="OccupiedSeats">The seats occupied before the join, as counted under the account's lock.</param>
/// <param name="SupersededAccountId">For a latest-account-only join: the user's active account it replaced, if any (as <see cref="AcceptanceResult"/>).</param>
public sealed record DomainJoinResult(DomainJoinStatus Status, int OccupiedSeats, string? SupersededAccountId = null);
