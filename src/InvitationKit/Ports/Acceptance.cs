namespace InvitationKit.Ports;

/// <summary>The input of <see cref="IMemberStore.AcceptAsync"/>.</summary>
/// <param name="Invitation">The accepted state of the invitation, at the revision the manager read: the store advances it.</param>
/// <param name="Member">The membership to create.</param>
/// <param name="MakeActiveForProduct">True for a latest-account-only product: the account becomes the user's active one for <see cref="Invitation.ProductId"/>.</param>
/// <threadsafety>This type is immutable.</threadsafety>
public sealed record Acceptance(Invitation Invitation, Member Member, bool MakeActiveForProduct);

/// <summary>The outcome of <see cref="IMemberStore.AcceptAsync"/>.</summary>
/// <param name="Status">Accepted, or why not.</param>
/// <param name="SupersededAccountId">For a latest-account-only product: the account that was the user's active one before, if any.</param>
/// <threadsafety>This type is immutable.</threadsafety>
public sealed record AcceptanceResult(AcceptanceStatus Status, string? SupersededAccountId = null);

/// <summary>Whether an acceptance was stored.</summary>
public enum AcceptanceStatus
{
    /// <summary>The invitation is accepted and the membership exists.</summary>
    Accepted = 0,

    /// <summary>Nothing changed: the invitation's revision moved on (or it is gone).</summary>
    Conflict = 1,

    /// <summary>Nothing changed: the user is already a member of the account.</summary>
    AlreadyMember = 2,
}
