using NodaTime;

namespace InvitationKit;

/// <summary>
/// An activation's claim on a new-user invitation (rule 11): while the directory enables the user, the claim keeps
/// revokes, resends, role changes, expiry and the dispatcher's re-issue off the invitation. A claim that was never
/// released (its process died) lapses after <see cref="InvitationKitOptions.ActivationClaimTimeout"/>.
/// </summary>
/// <param name="timeout">How long a claim holds.</param>
internal sealed class ActivationClaim(Duration timeout)
{
    /// <summary>Whether an activation holds the invitation right now (its claim has not lapsed).</summary>
    public bool IsHeld(Invitation invitation, Instant now) =>
        invitation.ActivationClaimedAt is { } claimedAt && now < claimedAt + timeout;

    /// <summary>The invitation claimed at <paramref name="at"/>.</summary>
    public static Invitation Take(Invitation invitation, Instant at) => invitation with { ActivationClaimedAt = at };

    /// <summary>The invitation with its claim taken off.</summary>
    public static Invitation Release(Invitation invitation) => invitation with { ActivationClaimedAt = null };
}
