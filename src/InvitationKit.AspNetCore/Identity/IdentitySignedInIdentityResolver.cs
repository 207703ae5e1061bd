using System.Security.Claims;
using Microsoft.AspNetCore.Identity;

namespace InvitationKit.AspNetCore.Identity;

/// <summary>
/// The signed-in user as ASP.NET Core Identity knows them: its email, verified when confirmed. A principal that did not
/// sign in through Identity's cookie (a bearer token of another provider) is read from its claims: its subject is that
/// provider's, never looked up as an Identity user id.
/// </summary>
internal sealed class IdentitySignedInIdentityResolver<TUser>(UserManager<TUser> users) : ISignedInIdentityResolver
    where TUser : class
{
    /// <summary>The provider name of users who signed in with Identity.</summary>
    internal const string LocalProvider = SignedInIdentity.LocalProvider;

    public async Task<SignedInIdentity?> ResolveAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(principal);
        cancellationToken.ThrowIfCancellationRequested();
        if (principal.Identity is not { IsAuthenticated: true })
        {
            return null;
        }

        if (!principal.Identities.Any(i => i.IsAuthenticated && i.AuthenticationType == IdentityConstants.ApplicationScheme))
        {
            return SignedInIdentityClaims.FromPrincipal(principal);
        }

        var user = await users.GetUserAsync(principal).ConfigureAwait(false);
        return user is null ? null : new SignedInIdentity(
            await users.GetUserIdAsync(user).ConfigureAwait(false),
            await users.GetEmailAsync(user).ConfigureAwait(false),
            LocalProvider,
            await users.IsEmailConfirmedAsync(user).ConfigureAwait(false));
    }
}
