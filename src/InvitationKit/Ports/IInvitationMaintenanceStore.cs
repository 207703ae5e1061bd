using NodaTime;

namespace InvitationKit.Ports;

/// <summary>
/// What the expiry sweep (<see cref="IInvitationManager.ExpireOverdueAsync"/>) reads and purges. Backed by the same
/// implementation as <see cref="IInvitationStore"/>.
/// </summary>
public interface IInvitationMaintenanceStore
{
    /// <summary>Finds up to <paramref name="limit"/> invitations stored as pending whose expiry is at or before <paramref name="now"/>.</summary>
    /// <param name="now">The current instant.</param>
    /// <param name="limit">The most to return.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The overdue invitations.</returns>
    Task<IReadOnlyList<Invitation>> FindOverdueAsync(Instant now, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Finds up to <paramref name="limit"/> invitations marked <see cref="Invitation.PendingUserReleaseDue"/>, in the order
    /// they were resolved (<see cref="Invitation.ResolvedAt"/>, then id): ended new-user invitations whose address's user
    /// pending activation the kit has yet to release. One indexed read: stores index only the marked rows.
    /// </summary>
    /// <param name="limit">The most to return.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The marked invitations.</returns>
    Task<IReadOnlyList<Invitation>> FindPendingUserReleasesAsync(int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Erases the personal data of up to <paramref name="limit"/> finished invitations resolved before an instant, oldest
    /// first: those not stored as pending, with <see cref="Invitation.ResolvedAt"/> before <paramref name="resolvedBefore"/>,
    /// not <see cref="Invitation.PendingUserReleaseDue"/> (the release still needs the address) and not erased yet. Each
    /// gets an empty <see cref="Invitation.Email"/>, <see cref="Invitation.EmailKey"/> and <see cref="Invitation.Metadata"/>,
    /// a null <see cref="Invitation.UserId"/>, <see cref="Invitation.ResolvedBy"/> and <see cref="Invitation.ReturnUrl"/>
    /// (host data, which may be personal), and its next revision; nothing else changes. Safe to run on several instances at once: a row already erased is skipped. Stores index the rows not
    /// erased yet by resolution time.
    /// </summary>
    /// <param name="resolvedBefore">Invitations resolved before this are erased.</param>
    /// <param name="limit">The most to erase.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>How many were erased; fewer than <paramref name="limit"/> when no more are due.</returns>
    Task<int> EraseFinishedAsync(Instant resolvedBefore, int limit, CancellationToken cancellationToken);

    /// <summary>Forgets idempotency keys recorded before an instant.</summary>
    /// <param name="recordedBefore">Keys recorded before this are deleted.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>How many keys were deleted.</returns>
    Task<int> DeleteIdempotencyKeysAsync(Instant recordedBefore, CancellationToken cancellationToken);
}
