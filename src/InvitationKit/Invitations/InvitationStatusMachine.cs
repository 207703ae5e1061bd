using NodaTime;

namespace InvitationKit;

/// <summary>
/// The status machine of an invitation: <c>Pending → Accepted | Rejected | Revoked | Expired</c>; the four others are
/// terminal. A pending invitation whose expiry instant has passed <em>is</em> expired, whatever the store says.
/// </summary>
public static class InvitationStatusMachine
{
    /// <summary>Whether a status is terminal (anything but <see cref="InvitationStatus.Pending"/>).</summary>
    /// <param name="status">The status.</param>
    /// <returns>Whether no transition leaves it.</returns>
    public static bool IsTerminal(InvitationStatus status) => status != InvitationStatus.Pending;

    /// <summary>Whether <paramref name="from"/> may change to <paramref name="to"/>.</summary>
    /// <param name="from">The current status.</param>
    /// <param name="to">The requested status.</param>
    /// <returns>True only for a change from pending to a terminal status.</returns>
    public static bool CanTransition(InvitationStatus from, InvitationStatus to) =>
        from == InvitationStatus.Pending && to != InvitationStatus.Pending;

    /// <summary>The status as of <paramref name="now"/>: a stored pending invitation at or past its expiry is expired.</summary>
    /// <param name="stored">The stored status.</param>
    /// <param name="expiresAt">The invitation's expiry instant.</param>
    /// <param name="now">The current instant.</param>
    /// <returns>The effective status.</returns>
    public static InvitationStatus EffectiveStatus(InvitationStatus stored, Instant expiresAt, Instant now) =>
        stored == InvitationStatus.Pending && now >= expiresAt ? InvitationStatus.Expired : stored;

    /// <summary>The effective status of an invitation as of <paramref name="now"/>.</summary>
    /// <param name="invitation">The invitation.</param>
    /// <param name="now">The current instant.</param>
    /// <returns>The effective status.</returns>
    public static InvitationStatus EffectiveStatus(Invitation invitation, Instant now)
    {
        ArgumentNullException.ThrowIfNull(invitation);
        return EffectiveStatus(invitation.Status, invitation.ExpiresAt, now);
    }

    /// <summary>The error that stops any change of an invitation that is not effectively pending, or null when it is.</summary>
    internal static InvitationError? EnsurePending(Invitation invitation, Instant now) => EffectiveStatus(invitation, now) switch
    {
        InvitationStatus.Pending => null,
        InvitationStatus.Expired => InvitationErrors.InvitationExpired(),
        var status => InvitationErrors.InvitationNotPending(status),
    };

    /// <summary>
    /// The invitation moved to a terminal status, at the revision it was read at (the store advances it). A new-user
    /// invitation that ends unaccepted is marked <see cref="Invitation.PendingUserReleaseDue"/>.
    /// </summary>
    internal static Invitation Transition(Invitation invitation, InvitationStatus to, Instant now, string? by)
    {
        if (!CanTransition(invitation.Status, to))
        {
            throw new InvalidOperationException($"An invitation cannot go from {invitation.Status} to {to}.");
        }

        // A new-user invitation that ends unaccepted leaves its pending user to be released, in this very write.
        return invitation with
        {
            Status = to,
            ResolvedAt = now,
            ResolvedBy = by,
            PendingUserReleaseDue = invitation.Kind == InvitationKind.NewUser && to != InvitationStatus.Accepted,
        };
    }
}
