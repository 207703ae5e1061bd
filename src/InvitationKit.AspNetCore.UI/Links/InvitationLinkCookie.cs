using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;

namespace InvitationKit.AspNetCore.UI.Links;

/// <summary>
/// Keeps an invitation link's secret out of every URL but the link itself. The landing page moves the secret from the
/// link's query into this cookie and redirects to itself without it, so the secret is not left in the address bar, the
/// history, a <c>Referer</c>, or the sign-in page's <c>returnUrl</c>. The cookie is encrypted and signed (ASP.NET Core
/// data protection), HTTP-only, limited to <c>/Invitations</c>, lives an hour, and is deleted once the invitation is
/// answered.
/// </summary>
internal sealed class InvitationLinkCookie(IDataProtectionProvider protection)
{
    /// <summary>The cookie's name.</summary>
    public const string Name = ".InvitationKit.Link";

    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    private readonly IDataProtector _protector = protection.CreateProtector("InvitationKit.AspNetCore.UI.InvitationLink");

    /// <summary>Keeps <paramref name="secret"/> for the next requests of this browser.</summary>
    /// <param name="http">The request.</param>
    /// <param name="secret">The link's secret.</param>
    public void Keep(HttpContext http, string secret) =>
        http.Response.Cookies.Append(Name, _protector.Protect(secret), Options(http, Lifetime));

    /// <summary>The kept secret, or null when there is none or it does not decrypt (tampered, or another key ring's).</summary>
    /// <param name="http">The request.</param>
    /// <returns>The secret, or null.</returns>
    public string? Read(HttpContext http)
    {
        if (!http.Request.Cookies.TryGetValue(Name, out var value) || string.IsNullOrEmpty(value))
        {
            return null;
        }

        try
        {
            return _protector.Unprotect(value);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    /// <summary>Forgets the secret: the invitation was answered.</summary>
    /// <param name="http">The request.</param>
    public void Forget(HttpContext http) => http.Response.Cookies.Delete(Name, Options(http, null));

    private static CookieOptions Options(HttpContext http, TimeSpan? maxAge) => new()
    {
        HttpOnly = true,
        Secure = http.Request.IsHttps,
        SameSite = SameSiteMode.Lax,
        Path = "/" + UIArea.Name,
        MaxAge = maxAge,
        IsEssential = true,
    };
}
