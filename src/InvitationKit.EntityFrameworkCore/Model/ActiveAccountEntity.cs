namespace InvitationKit.EntityFrameworkCore.Model;

/// <summary>A user's active account for a latest-account-only product; the key is (user, product).</summary>
internal sealed class ActiveAccountEntity
{
    public string UserId { get; set; } = string.Empty;

    public string ProductId { get; set; } = string.Empty;

    public string AccountId { get; set; } = string.Empty;
}
