using System.Security.Claims;

namespace InvitationKit.AspNetCore.Identity;

/// <summary>Turns the request's signed-in user into the <see cref="SignedInIdentity"/> an accept presents (rule 9).</summary>
/// <remarks>
/// <c>UseAspNetCoreIdentity&lt;TUser&gt;()</c> registers one that reads ASP.NET Core Identity's user, whose confirmed
/// email is the verified one. Without a registration the endpoints read the claims (<see cref="SignedInIdentityClaims"/>).
/// </remarks>
public interface ISignedInIdentityResolver
{
    /// <summary>Describes the signed-in user.</summary>
    /// <param name="principal">The request's user.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The identity, or null when nobody is signed in (or the user no longer exists).</returns>
    Task<SignedInIdentity?> ResolveAsync(ClaimsPrincipal principal, CancellationToken cancellationToken);
}
