using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace InvitationKit.AspNetCore.UI.Localization;

/// <summary>
/// Which culture an invitation's page is shown in: the invitation's language (rule 25, chosen by the inviter for this
/// person), when the host's request localization supports it (itself, or its neutral parent: "ru" for "ru-RU") and
/// the visitor has not chosen a language of their own (a <c>culture</c> query string, the culture cookie, or any other
/// provider of the host's). A language the browser merely sends (Accept-Language) gives way to the invitation's.
/// </summary>
internal static class InvitationCulture
{
    /// <summary>The culture to show <paramref name="language"/>'s invitation in, or null to keep the request's.</summary>
    /// <param name="http">The request.</param>
    /// <param name="language">The invitation's language tag, if it has one.</param>
    /// <returns>One of the host's supported UI cultures, or null.</returns>
    public static CultureInfo? For(HttpContext http, string? language)
    {
        // The request's culture gives way only when it came from the browser's Accept-Language or the host's default;
        // any other provider (the query string, the cookie, a route's or the host's own) stands for the visitor's choice.
        if (string.IsNullOrEmpty(language)
            || http.Features.Get<IRequestCultureFeature>()?.Provider is not (null or AcceptLanguageHeaderRequestCultureProvider))
        {
            return null;
        }

        var supported = http.RequestServices.GetService<IOptions<RequestLocalizationOptions>>()?.Value.SupportedUICultures ?? [];
        for (var tag = language; tag.Length > 0; tag = tag.LastIndexOf('-') is var end and > 0 ? tag[..end] : string.Empty)
        {
            if (supported.FirstOrDefault(c => string.Equals(c.Name, tag, StringComparison.OrdinalIgnoreCase)) is { } culture)
            {
                return culture;
            }
        }

        return null;
    }
}
