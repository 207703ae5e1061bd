namespace InvitationKit.EntityFrameworkCore.Model;

/// <summary>The row of a membership; the key is (account, user).</summary>
internal sealed class MemberEntity
{
    public string AccountId { get; set; } = string.Empty;

    public string UserId { get; set; } = string.Empty;

    public string Roles { get; set; } = "[]";

    public bool IsOwner { get; set; }

    public long JoinedAt { get; set; }

    public Guid? InvitationId { get; set; }

    public string? Metadata { get; set; }
}
