using System.Net;
using System.Text.RegularExpressions;
using MimeKit;

namespace InvitationKit.AspNetCore.Tests.Endpoints;

/// <summary>
/// A mail as the web sample's SMTP catcher received it, parsed with MimeKit, read as its recipient would: the links of its
/// HTML part, the code on a line of its own in its text part.
/// </summary>
/// <param name="Subject">The subject.</param>
/// <param name="Text">The plain-text part.</param>
/// <param name="Html">The HTML part.</param>
public sealed partial record ReceivedMail(string Subject, string Text, string Html)
{
    /// <summary>Reads a parsed mail.</summary>
    /// <param name="mail">The mail; disposed here.</param>
    /// <returns>Its parts.</returns>
    public static ReceivedMail From(MimeMessage mail)
    {
        using (mail)
        {
            return new ReceivedMail(mail.Subject ?? string.Empty, mail.TextBody ?? string.Empty, mail.HtmlBody ?? string.Empty);
        }
    }

    /// <summary>Every link of the HTML part, decoded, in order.</summary>
    public IReadOnlyList<string> Links => [.. Href().Matches(Html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).Distinct()];

    /// <summary>The invitation's landing page: the link that carries the secret.</summary>
    public string Link => Links.First(l => l.Contains("/Invite?secret=", StringComparison.Ordinal));

    /// <summary>The link secret, from <see cref="Link"/>.</summary>
    public string Secret => Uri.UnescapeDataString(new Uri(Link).Query[("?secret=".Length)..]);

    /// <summary>A new user's activation page, if the mail has one.</summary>
    public string? ActivationLink => Links.FirstOrDefault(l => l.Contains("/Activate?", StringComparison.Ordinal));

    /// <summary>The one-time code: the text part's line of six digits, if it has one.</summary>
    public string? OneTimePassword => Text.ReplaceLineEndings("\n").Split('\n').SingleOrDefault(l => SixDigits().IsMatch(l));

    [GeneratedRegex("href=\"([^\"]+)\"")]
    private static partial Regex Href();

    [GeneratedRegex(@"^\d{6}$")]
    private static partial Regex SixDigits();
}
