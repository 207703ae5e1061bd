using System.Security.Claims;

namespace InvitationKit.AspNetCore.Identity;

/// <summary>The resolver used when none is registered: the principal's claims.</summary>
internal sealed class ClaimsSignedInIdentityResolver : ISignedInIdentityResolver
{
    public static ClaimsSignedInIdentityResolver Instance { get; } = new();

    public Task<SignedInIdentity?> ResolveAsync(ClaimsPrincipal principal, CancellationToken cancellationToken) =>
        Task.FromResult(SignedInIdentityClaims.FromPrincipal(principal));
}
