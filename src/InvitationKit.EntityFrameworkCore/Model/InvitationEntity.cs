namespace InvitationKit.EntityFrameworkCore.Model;

/// <summary>The row of an invitation. Instants are UTC ticks since the Unix epoch, so every provider sorts and compares them alike.</summary>
internal sealed class InvitationEntity
{
    public Guid Id { get; set; }

    public string AccountId { get; set; } = string.Empty;

    public string ProductId { get; set; } = string.Empty;

    public string Email { get; set; } = string.Empty;

    public string EmailKey { get; set; } = string.Empty;

    public int Kind { get; set; }

    public string? UserId { get; set; }

    public string Roles { get; set; } = "[]";

    public bool GrantsOwner { get; set; }

    public string InvitedBy { get; set; } = string.Empty;

    public long CreatedAt { get; set; }

    public long ExpiresAt { get; set; }

    public int Status { get; set; }

    public byte[] SecretHash { get; set; } = [];

    public byte[]? OtpHash { get; set; }

    public int KeyId { get; set; }

    public long IssuedAt { get; set; }

    public long? ActivationClaimedAt { get; set; }

    public int Delivery { get; set; }

    public int SendCount { get; set; }

    public int DeliveryAttempts { get; set; }

    public long? NextDeliveryAt { get; set; }

    public long? ResolvedAt { get; set; }

    public string? ResolvedBy { get; set; }

    public bool PendingUserReleaseDue { get; set; }

    public int? NoticeKind { get; set; }

    public long? NoticeDueAt { get; set; }

    public int NoticeAttempts { get; set; }

    public long? NewInvitationRequestedAt { get; set; }

    public long? RemindedAt { get; set; }
    public bool HostDelivered { get; set; }
    public long? Lifetime { get; set; }

    public string? Metadata { get; set; }

    public string? ReturnUrl { get; set; }

    public string? Language { get; set; }

    public long Revision { get; set; }
}
