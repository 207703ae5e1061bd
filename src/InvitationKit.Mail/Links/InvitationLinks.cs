using System.Text.RegularExpressions;
using InvitationKit.Ports;

namespace InvitationKit.Mail;

/// <summary>
/// Builds the absolute links of a mail from <see cref="InvitationMailOptions.BaseUrl"/> and the path templates. The
/// link secret and the address are escaped; the one-time password has no placeholder and is never put in a link.
/// </summary>
internal sealed partial class InvitationLinks
{
    public const string Secret = "{secret}";
    public const string Email = "{email}";
    public const string AccountId = "{accountId}";

    private readonly string _base;
    private readonly string _acceptPath;
    private readonly string _activatePath;
    private readonly string _accountPath;

    public InvitationLinks(InvitationMailOptions options)
    {
        // Checked at start-up: absolute, https (or http on loopback), no query, fragment or user info.
        _base = options.BaseUrl!.GetLeftPart(UriPartial.Path).TrimEnd('/');
        _acceptPath = options.AcceptPath;
        _activatePath = options.ActivatePath;
        _accountPath = options.AccountPath;
    }

    /// <summary>The landing page of the invitation, carrying its link secret.</summary>
    public string Accept(InvitationMessage message) => Build(_acceptPath, message);

    /// <summary>The activation page of a new user (without the code).</summary>
    public string Activate(InvitationMessage message) => Build(_activatePath, message);

    /// <summary>The account page a notice links to: no secret, no address.</summary>
    public string Account(string accountId) =>
        _base + "/" + _accountPath.Replace(AccountId, Uri.EscapeDataString(accountId), StringComparison.Ordinal).TrimStart('/');

    /// <summary>Every problem of <see cref="InvitationMailOptions.AccountPath"/>, each with its fix (checked when notices are mailed).</summary>
    public static IEnumerable<string> AccountPathProblems(InvitationMailOptions options)
    {
        var path = options.AccountPath;
        if (string.IsNullOrWhiteSpace(path) || path.StartsWith("//", StringComparison.Ordinal) || path.Contains("://", StringComparison.Ordinal) || path.Any(char.IsWhiteSpace))
        {
            yield return $"InvitationMailOptions.AccountPath must be a path relative to BaseUrl without spaces, e.g. '{InvitationMailDefaults.AccountPath}' (it is '{path}').";
            yield break;
        }

        var unknown = Placeholder().Matches(path).Select(m => m.Value).Where(p => p is not AccountId).Distinct().ToArray();
        if (unknown.Length > 0)
        {
            yield return $"InvitationMailOptions.AccountPath may use only the placeholder {AccountId} (it has {string.Join(", ", unknown)}): a notice's link carries no secret and no address.";
        }
    }

    /// <summary>Every problem of the link options, each with its fix.</summary>
    public static IEnumerable<string> Problems(InvitationMailOptions options)
    {
        var url = options.BaseUrl;
        if (url is null || !url.IsAbsoluteUri)
        {
            yield return $"InvitationMailOptions.BaseUrl must be the absolute https address of your app, e.g. https://app.example.com/ (it is {(url is null ? "not set" : $"'{url.OriginalString}'")}).";
        }
        else if (!(url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && url.IsLoopback)))
        {
            yield return $"InvitationMailOptions.BaseUrl must use https: links carry bearer secrets (it is '{url.OriginalString}'); http is accepted only for localhost in development.";
        }
        else if (url.Query.Length > 0 || url.Fragment.Length > 0 || url.UserInfo.Length > 0)
        {
            yield return $"InvitationMailOptions.BaseUrl must have no query, fragment or user info (it is '{url.OriginalString}'); put query parameters in AcceptPath or ActivatePath.";
        }

        foreach (var (name, path, secret) in new[] { ("AcceptPath", options.AcceptPath, true), ("ActivatePath", options.ActivatePath, false) })
        {
            if (string.IsNullOrWhiteSpace(path) || path.StartsWith("//", StringComparison.Ordinal) || path.Contains("://", StringComparison.Ordinal) || path.Any(char.IsWhiteSpace))
            {
                yield return $"InvitationMailOptions.{name} must be a path relative to BaseUrl without spaces, e.g. '{(secret ? InvitationMailDefaults.AcceptPath : InvitationMailDefaults.ActivatePath)}' (it is '{path}').";
                continue;
            }

            var unknown = Placeholder().Matches(path).Select(m => m.Value).Where(p => p is not Secret and not Email).Distinct().ToArray();
            if (unknown.Length > 0)
            {
                yield return $"InvitationMailOptions.{name} may use only the placeholders {Secret} and {Email} (it has {string.Join(", ", unknown)}); the one-time password is never put in a link.";
            }

            var secrets = Occurrences(path, Secret);
            if (secret && secrets != 1)
            {
                yield return $"InvitationMailOptions.AcceptPath must hold {Secret} exactly once, where the link secret goes (it holds it {secrets} times), e.g. '{InvitationMailDefaults.AcceptPath}'.";
            }
        }
    }

    private string Build(string path, InvitationMessage message)
    {
        var relative = path
            .Replace(Secret, Uri.EscapeDataString(message.Secret), StringComparison.Ordinal)
            .Replace(Email, Uri.EscapeDataString(message.Recipient.Value), StringComparison.Ordinal);
        return _base + "/" + relative.TrimStart('/');
    }

    private static int Occurrences(string text, string value)
    {
        var count = 0;
        for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    [GeneratedRegex(@"\{[^{}]*\}")]
    private static partial Regex Placeholder();
}
