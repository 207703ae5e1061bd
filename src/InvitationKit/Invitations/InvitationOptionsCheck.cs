using System.Globalization;
using NodaTime;

namespace InvitationKit;

/// <summary>
/// The options per invitation of an invite request (rule 25) — lifetime, metadata, return URL, language — checked
/// against the deployment's bounds before anything is looked up, every problem at once.
/// </summary>
internal static class InvitationOptionsCheck
{
    /// <summary>The longest return URL accepted.</summary>
    public const int MaxReturnUrlLength = 2048;

    /// <summary>The longest language tag accepted (BCP 47's longest well-formed tags are shorter).</summary>
    public const int MaxLanguageLength = 35;

    /// <summary>The request's options as its invitations store them; refused with every problem when any is out of bounds.</summary>
    public static InvitationResult<CheckedOptions> Check(InviteRequest request, InvitationKitOptions options)
    {
        var errors = new List<InvitationError>();
        if (request.Lifetime is { } lifetime && (lifetime < options.MinInvitationLifetime || lifetime > options.MaxInvitationLifetime))
        {
            errors.Add(InvitationErrors.LifetimeOutOfBounds(lifetime, options.MinInvitationLifetime, options.MaxInvitationLifetime));
        }

        var metadata = InvitationMetadata.Check(request.Metadata, options, errors);
        string? returnUrl = null;
        if (request.ReturnUrl is { } url && (returnUrl = ReturnUrl(url, options.AllowedReturnOrigins)) is null)
        {
            errors.Add(InvitationErrors.ReturnUrlNotAllowed(url, options.AllowedReturnOrigins));
        }

        string? language = null;
        if (request.Language is { } tag && (language = Language(tag, options.SupportedLanguages)) is null)
        {
            errors.Add(InvitationErrors.LanguageNotSupported(tag, options.SupportedLanguages));
        }

        return errors.Count > 0
            ? InvitationResult<CheckedOptions>.Failure(errors)
            : new CheckedOptions(request.Lifetime, metadata, returnUrl, language);
    }

    /// <summary>
    /// The URL when it is an absolute <c>http</c>/<c>https</c> URL of printable ASCII (no backslash), whose authority is
    /// only a host name and an optional port — no user info, no IP-literal brackets, no escapes — and whose origin is
    /// one of <paramref name="allowedOrigins"/>; null otherwise. Relative URLs are refused: a mail needs an absolute one.
    /// </summary>
    public static string? ReturnUrl(string url, IEnumerable<string>? allowedOrigins)
    {
        if (url.Length is 0 or > MaxReturnUrlLength || url.Any(c => c is < '!' or > '~' or '\\'))
        {
            return null;
        }

        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        var scheme = schemeEnd < 0 ? string.Empty : url[..schemeEnd].ToLowerInvariant();
        if (scheme is not ("http" or "https"))
        {
            return null;
        }

        var rest = url[(schemeEnd + 3)..];
        var authorityEnd = rest.IndexOfAny(['/', '?', '#']);
        var authority = authorityEnd < 0 ? rest : rest[..authorityEnd];
        if (authority.Length == 0 || !authority.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or ':') || authority.Count(c => c == ':') > 1)
        {
            return null;
        }

        return Origin(url) is { } origin && (allowedOrigins ?? []).Any(allowed => Origin(allowed) == origin) ? url : null;
    }

    /// <summary>
    /// The origin of an absolute <c>http</c>/<c>https</c> URL (<c>https://xn--bcher-kva.example:443</c>: the host as ASCII
    /// and lowercase, the port explicit); null when it is not one or carries user info.
    /// </summary>
    public static string? Origin(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.UserInfo.Length == 0 && uri.IdnHost.Length > 0
            ? $"{uri.Scheme}://{uri.IdnHost.ToLowerInvariant()}:{uri.Port.ToString(CultureInfo.InvariantCulture)}"
            : null;

    /// <summary>
    /// The tag when it is a well-formed BCP 47 tag (letters, then subtags of letters and digits, hyphen-separated, at
    /// most 35 characters) and, when the deployment lists languages, one of them (as the list spells it); null otherwise.
    /// </summary>
    public static string? Language(string tag, IEnumerable<string>? supported)
    {
        var subtags = tag.Split('-');
        if (tag.Length > MaxLanguageLength || subtags[0].Length is < 2 or > 8 || !subtags[0].All(char.IsAsciiLetter)
            || subtags.Skip(1).Any(s => s.Length is 0 or > 8 || !s.All(char.IsAsciiLetterOrDigit)))
        {
            return null;
        }

        var list = (supported ?? []).ToList();
        return list.Count == 0 ? tag : list.FirstOrDefault(s => string.Equals(s, tag, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The checked options of an invite request, as its invitations store them.</summary>
    internal sealed record CheckedOptions(Duration? Lifetime, IReadOnlyDictionary<string, string> Metadata, string? ReturnUrl, string? Language);
}
