namespace InvitationKit;

/// <summary>
/// A successful host-delivered invite (rule 24): each invitation with its link secret, in request order. The secrets are
/// handed out once: an idempotent replay of the same request answers with the invitations and no secret.
/// </summary>
/// <param name="Invitations">The invitations created, in request order.</param>
/// <threadsafety>This type is immutable.</threadsafety>
public sealed record HostDeliveryOutcome(IReadOnlyList<HostDeliveredInvitation> Invitations)
{
    /// <summary>Whether this is the replay of an earlier invite under the same idempotency key: no secret is handed out again.</summary>
    public bool IsReplay { get; init; }

    /// <summary>Lists the invitations by address, without their secrets.</summary>
    /// <returns>A redacted one-line description.</returns>
    public override string ToString() =>
        $"HostDeliveryOutcome {{ Invitations = [{string.Join(", ", Invitations.Select(i => $"{i.Invitation.Email} (Secret = {(i.Secret is null ? "null" : "***")})"))}], IsReplay = {IsReplay} }}";
}
