namespace InvitationKit.EntityFrameworkCore.Model;

/// <summary>An invite recorded under its idempotency key (<see cref="InvitationKit.Ports.IdempotentInvite"/>).</summary>
internal sealed class IdempotentInviteEntity
{
    public string AccountId { get; set; } = string.Empty;

    public string IdempotencyKey { get; set; } = string.Empty;

    public string RequestFingerprint { get; set; } = string.Empty;

    /// <summary>The batch's invitation ids, comma-separated.</summary>
    public string InvitationIds { get; set; } = string.Empty;

    /// <summary>The batch's first invitation: withdrawing the batch forgets the key by it.</summary>
    public Guid FirstInvitationId { get; set; }

    public long RecordedAt { get; set; }
}
