namespace InvitationKit;

/// <summary>A successful invite: the stored invitations, each with its mail delivery state (rule 16).</summary>
/// <param name="Invitations">The invitations created, resent or replaced, in request order.</param>
/// <threadsafety>This type is immutable.</threadsafety>
public sealed record InviteOutcome(IReadOnlyList<InvitationView> Invitations)
{
    /// <summary>The invitations whose mail failed; they stay pending and can be resent.</summary>
    public IReadOnlyList<InvitationView> DeliveryFailures { get; } = Invitations.Where(i => i.Delivery == DeliveryState.Failed).ToArray();

    /// <summary>
    /// What the invite did with each of <see cref="Invitations"/>, at the same index: created, or a pending invitation
    /// resent or replaced (<see cref="InviteRequest.WhenPending"/>). Every invitation is created unless set otherwise.
    /// </summary>
    public IReadOnlyList<InviteDisposition> Dispositions { get; init; } = [.. Invitations.Select(_ => InviteDisposition.Created)];

    /// <summary>The invitations the invite handled in one way.</summary>
    /// <param name="disposition">Created, resent or replaced.</param>
    /// <returns>Those invitations, in request order.</returns>
    public IReadOnlyList<InvitationView> With(InviteDisposition disposition) =>
        [.. Invitations.Where((_, index) => index < Dispositions.Count && Dispositions[index] == disposition)];

    /// <summary>Lists the invitations by address and delivery state, and says which were resent or replaced.</summary>
    /// <returns>A one-line description.</returns>
    public override string ToString() =>
        $"InviteOutcome {{ Invitations = [{string.Join(", ", Invitations.Select((i, index) => index < Dispositions.Count && Dispositions[index] != InviteDisposition.Created ? $"{i.Email} ({i.Delivery}, {Dispositions[index]})" : $"{i.Email} ({i.Delivery})"))}] }}";
}
