namespace InvitationKit.Ports;

/// <summary>The answer to <see cref="ICombinedStoreOperations.TryReserveOtpAttemptAndFindPendingAsync"/>.</summary>
/// <param name="Reservation">Whether an attempt was reserved and, if not, when to retry.</param>
/// <param name="PendingInvitations">The address's pending invitations in every account, oldest first, when granted; empty when refused.</param>
/// <threadsafety>This type is immutable.</threadsafety>
public sealed record OtpReservationRead(OtpAttemptReservation Reservation, IReadOnlyList<Invitation> PendingInvitations);
