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
    /// Claims due invitations for delivery in one step: each lease is an invitation as <see cref="FindDueForDeliveryAsync"/>
    /// returned it, with the fresh <see cref="Invitation.SecretHash"/>, <see cref="Invitation.OtpHash"/>,
    /// <see cref="Invitation.KeyId"/> and <see cref="Invitation.IssuedAt"/> of the mail about to be sent, one more
    /// <see cref="Invitation.DeliveryAttempts"/> and its lease's end as <see cref="Invitation.NextDeliveryAt"/>. Each is a
    /// compare-and-swap of its own, as <see cref="IInvitationStore.TryUpdateAsync"/>: stored, at the next revision, only
    /// when the stored invitation is still at the lease's <see cref="Invitation.Revision"/>; the others are left as they
    /// are. So two dispatchers that found the same due mail never both claim it. Only those columns are written.
    /// </summary>
    /// <param name="leases">The leases, at most one per invitation.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The leases claimed, as stored (revision advanced), in any order.</returns>
    Task<IReadOnlyList<Invitation>> ClaimForDeliveryAsync(IReadOnlyList<Invitation> leases, CancellationToken cancellationToken);

    /// <summary>
    /// Records the outcome of sends in one step: for each record whose invitation is still pending with the record's
    /// secret hash, sets <see cref="Invitation.Delivery"/> and <see cref="Invitation.NextDeliveryAt"/> and advances the
    /// revision. Records whose invitation moved on are ignored.
    /// </summary>
    /// <param name="records">The outcomes.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>How many invitations were updated.</returns>
    Task<int> RecordDeliveriesAsync(IReadOnlyList<DeliveryRecord> records, CancellationToken cancellationToken);

    /// <summary>
    /// Finds up to <paramref name="limit"/> invitations, of any status, whose notice to the inviter is due:
    /// <see cref="Invitation.NoticeDueAt"/> at or before <paramref name="now"/>; earliest due first. The dispatcher claims
    /// each by <see cref="IInvitationStore.TryUpdateAsync"/> (a compare-and-swap), so the store needs no claim of its own.
    /// </summary>
    /// <param name="now">The current instant.</param>
    /// <param name="limit">The most to return.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The invitations whose notice is due.</returns>
    Task<IReadOnlyList<Invitation>> FindDueNoticesAsync(Instant now, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Finds up to <paramref name="limit"/> invitations due for their "expires soon" reminder (rule 23): stored as pending,
    /// never reminded (<see cref="Invitation.RemindedAt"/> null), no mail due or in flight (<see cref="Invitation.NextDeliveryAt"/>
    /// null) and the last one <see cref="DeliveryState.Sent"/>, not delivered by the host (<see cref="Invitation.HostDelivered"/>
    /// false: the kit never re-issues a link the host handed out), <c>now &lt; ExpiresAt ≤ now + lead</c>, and last issued
    /// before the reminder window opened (<c>IssuedAt + lead &lt; ExpiresAt</c>); earliest expiry first. The dispatcher
    /// arms each by <see cref="IInvitationStore.TryUpdateAsync"/> (a compare-and-swap).
    /// </summary>
    /// <param name="now">The current instant.</param>
    /// <param name="lead">How long before expiry the reminder is due (<see cref="InvitationKitOptions.ReminderLead"/>).</param>
    /// <param name="limit">The most to return.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The invitations due for a reminder.</returns>
    Task<IReadOnlyList<Invitation>> FindDueForReminderAsync(Instant now, Duration lead, int limit, CancellationToken cancellationToken);
}
