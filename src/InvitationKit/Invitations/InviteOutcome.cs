namespace InvitationKit;

/// <summary>A successful invite: the stored invitations, each with its mail delivery state (rule 16).</summary>
/// <param name="Invitations">The invitations created, in request order.</param>
/// <threadsafety>This type is immutable.</threadsafety>
public sealed record InviteOutcome(IReadOnlyList<InvitationView> Invitations)
{
    /// <summary>The invitations whose mail failed; they stay pending and can be resent.</summary>
    public IReadOnlyList<InvitationView> DeliveryFailures { get; } = Invitations.Where(i => i.Delivery == DeliveryState.Failed).ToArray();

    /// <summary>Lists the invitations by address and delivery state.</summary>
    /// <returns>A one-line description.</returns>
    public override string ToString() =>
        $"InviteOutcome {{ Invitations = [{string.Join(", ", Invitations.Select(i => $"{i.Email} ({i.Delivery})"))}] }}";
}
