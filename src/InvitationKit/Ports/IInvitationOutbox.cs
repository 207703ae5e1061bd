using NodaTime;

namespace InvitationKit.Ports;

/// <summary>
/// The mail outbox: the invitation row carries its own delivery schedule (<see cref="Invitation.NextDeliveryAt"/>), so a
/// batch and its mail commit together. Backed by the same implementation as <see cref="IInvitationStore"/>.
/// </summary>
public interface IInvitationOutbox
{
    /// <summary>
    /// Finds up to <paramref name="limit"/> invitations whose mail is due: stored as pending, <c>ExpiresAt &gt; now</c>, and
    /// <see cref="Invitation.NextDeliveryAt"/> at or before <paramref name="now"/>; earliest due first.
    /// </summary>
    /// <param name="now">The current instant.</param>
    /// <param name="limit">The most to return.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The due invitations.</returns>
    Task<IReadOnlyList<Invitation>> FindDueForDeliveryAsync(Instant now, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Records the outcome of sends in one step: for each record whose invitation is still pending with the record's
    /// secret hash, sets <see cref="Invitation.Delivery"/> and <see cref="Invitation.NextDeliveryAt"/> and advances the
    /// revision. Records whose invitation moved on are ignored.
    /// </summary>
    /// <param name="records">The outcomes.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>How many invitations were updated.</returns>
    Task<int> RecordDeliveriesAsync(IReadOnlyList<DeliveryRecord> records, CancellationToken cancellationToken);
}
