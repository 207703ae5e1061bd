using System.Security.Claims;
using System.Text.Encodings.Web;
using InvitationKit.AspNetCore.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace InvitationKit.LoadTest;

/// <summary>
/// The load host's sign-in, for the load generator only and never for a real app: the <see cref="Header"/> header names
/// the user (<c>u_…</c>, see <see cref="LoadUsers"/>), signed in with that user's address, verified. A request without
/// it is anonymous.
/// </summary>
internal sealed class HeaderAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "LoadUser";
    public const string Header = "Load-User";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Request.Headers[Header] is not [{ Length: > 0 } userId] || LoadUsers.EmailOf(userId) is not { } email)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, userId), new Claim(ClaimTypes.Email, email), new Claim(SignedInIdentityClaims.EmailVerifiedClaimType, "true")],
            SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }
}
