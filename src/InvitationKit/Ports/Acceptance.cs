namespace InvitationKit.Ports;

/// <summary>The input of <see cref="IInvitationStore.AcceptAsync"/>.</summary>
/// <param name="Invitation">The accepted state of the invitation (revision <c>ExpectedRevision + 1</c>).</param>
/// <param name="ExpectedRevision">The revision the manager read.</param>
/// <param name="Member">The membership to create.</param>
/// <param name="MakeActiveForProduct">True for a latest-account-only product: the account becomes the user's active one for <see cref="Invitation.ProductId"/>.</param>
/// <threadsafety>This type is immutable.</threadsafety>
public sealed record Acceptance(Invitation Invitation, long ExpectedRevision, Member Member, bool MakeActiveForProduct)
{
    /// <summary>
    /// For an activation: the email key whose reserved one-time-password attempt the acceptance releases, in the same
    /// atomic step (as <see cref="IInvitationStore.ReleaseOtpAttemptAsync"/> does), and only when the acceptance is stored; null for a
    /// plain accept. The right code then costs no round trip of its own.
    /// </summary>
    public string? ReleaseOtpAttemptOf { get; init; }
}

/// <summary>The outcome of <see cref="IInvitationStore.AcceptAsync"/>.</summary>
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
