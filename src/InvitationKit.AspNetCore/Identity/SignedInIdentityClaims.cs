using System.Security.Claims;

namespace InvitationKit.AspNetCore.Identity;

/// <summary>
/// Reads a <see cref="SignedInIdentity"/> from a principal's claims, as an external identity provider (OpenID Connect,
/// a JWT bearer token) issues them.
/// </summary>
public static class SignedInIdentityClaims
{
    /// <summary>The OpenID Connect claim saying the provider verified the email.</summary>
    public const string EmailVerifiedClaimType = "email_verified";

    /// <summary>The claim naming the identity provider, when the token carries one.</summary>
    public const string IdentityProviderClaimType = "idp";

    /// <summary>
    /// Builds the identity: the user id from the <see cref="ClaimTypes.NameIdentifier"/> (or <c>sub</c>) claim, the email
    /// from <see cref="ClaimTypes.Email"/> (or <c>email</c>), verified only when <c>email_verified</c> is <c>true</c>, and
    /// the provider from <paramref name="provider"/>, else the <c>idp</c> claim, else the authentication type.
    /// </summary>
    /// <param name="principal">The signed-in user.</param>
    /// <param name="provider">The provider's name, when the caller knows it better than the claims.</param>
    /// <returns>The identity, or null when the principal is not authenticated or has no user id.</returns>
    public static SignedInIdentity? FromPrincipal(ClaimsPrincipal principal, string? provider = null)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (principal.Identity is not { IsAuthenticated: true } identity)
        {
            return null;
        }

        var userId = principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? principal.FindFirstValue("sub");
        if (string.IsNullOrEmpty(userId))
        {
            return null;
        }

        var email = principal.FindFirstValue(ClaimTypes.Email) ?? principal.FindFirstValue("email");
        var verified = string.Equals(principal.FindFirstValue(EmailVerifiedClaimType), "true", StringComparison.OrdinalIgnoreCase);
        provider ??= principal.FindFirstValue(IdentityProviderClaimType) ?? identity.AuthenticationType ?? "Unknown";
        return new SignedInIdentity(userId, email, provider, verified);
    }
}
