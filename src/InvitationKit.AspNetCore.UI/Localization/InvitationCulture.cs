using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace InvitationKit.AspNetCore.UI.Localization;

/// <summary>
/// Which cultures an invitation's page is shown in: the invitation's language (rule 25, chosen by the inviter for this
/// person), as the host's request localization supports it (the language itself or a parent of it: "ru" for "ru-RU",
/// "zh-Hant" for "zh-TW"), when the request's culture came from the browser's Accept-Language or the host's default. A
/// culture another provider chose (the <c>culture</c> query string, the culture cookie, a route's, the host's own) is
/// the visitor's choice and stands; so does a request the host's request localization did not handle.
/// </summary>
internal static class InvitationCulture
{
    /// <summary>The formatting culture and the UI culture to show <paramref name="language"/>'s invitation in; null keeps the request's.</summary>
    /// <param name="http">The request.</param>
    /// <param name="language">The invitation's language tag, if it has one.</param>
    /// <returns>One of the host's supported cultures and one of its supported UI cultures, each or both null.</returns>
    public static (CultureInfo? Culture, CultureInfo? UICulture) For(HttpContext http, string? language)
    {
        if (string.IsNullOrEmpty(language)
            || http.Features.Get<IRequestCultureFeature>() is not { Provider: null or AcceptLanguageHeaderRequestCultureProvider })
        {
            return (null, null);
        }

        var options = http.RequestServices.GetService<IOptions<RequestLocalizationOptions>>()?.Value;
        return (Supported(options?.SupportedCultures, language), Supported(options?.SupportedUICultures, language));
    }

    /// <summary>The first of <paramref name="language"/> and its parents that <paramref name="supported"/> lists.</summary>
    private static CultureInfo? Supported(IList<CultureInfo>? supported, string language)
    {
        if (supported is not { Count: > 0 })
        {
            return null;
        }

        CultureInfo culture;
        try
        {
            culture = CultureInfo.GetCultureInfo(language);
        }
        catch (CultureNotFoundException)
        {
            return null; // a tag this runtime does not know (or invariant globalization): the request's culture stands
        }

        for (; culture.Name.Length > 0; culture = culture.Parent)
        {
            if (supported.FirstOrDefault(c => string.Equals(c.Name, culture.Name, StringComparison.OrdinalIgnoreCase)) is { } match)
            {
                return match;
            }
        }

        return null;
    }
}
