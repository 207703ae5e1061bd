using System.Security.Cryptography;

namespace InvitationKit.EntityFrameworkCore.Tests;

/// <summary>Invitations for the tests that write the stores directly, past the manager.</summary>
internal static class TestInvitations
{
    /// <summary>A pending invitation of an existing user (<c>u-{email}</c>) at revision 1, with a random secret hash.</summary>
    /// <param name="accountId">The account.</param>
    /// <param name="email">The address, used as its own key.</param>
    /// <param name="now">When it was created and issued.</param>
    /// <param name="lifetime">How long after <paramref name="now"/> it expires.</param>
    /// <returns>The invitation.</returns>
    public static Invitation Pending(string accountId, string email, Instant now, Duration lifetime) => new()
    {
        Id = Guid.CreateVersion7(),
        AccountId = accountId,
        ProductId = "cloud",
        Email = email,
        EmailKey = email,
        Kind = InvitationKind.ExistingUser,
        UserId = "u-" + email,
        Roles = ["VIEWER"],
        GrantsOwner = false,
        InvitedBy = "owner",
        CreatedAt = now,
        ExpiresAt = now + lifetime,
        IssuedAt = now,
        Status = InvitationStatus.Pending,
        SecretHash = new SecretHash(RandomNumberGenerator.GetBytes(SecretHash.Size)),
        Delivery = DeliveryState.NotSent,
        Revision = 1,
    };
}
