namespace InvitationKit.Ports;

/// <summary>An invite stored under an idempotency key: what was asked, and what it created.</summary>
/// <param name="RequestFingerprint">The request's fingerprint (<see cref="InvitationBatch.RequestFingerprint"/>).</param>
/// <param name="InvitationIds">The invitations the invite created, resent or replaced, in request order.</param>
/// <threadsafety>This type is immutable.</threadsafety>
public sealed record IdempotentInvite(string RequestFingerprint, IReadOnlyList<Guid> InvitationIds)
{
    /// <summary>Those of <see cref="InvitationIds"/> the invite resent or replaced rather than created (<see cref="InvitationBatch.Reissued"/>).</summary>
    public IReadOnlyList<Guid> ReissuedIds { get; init; } = [];
}
