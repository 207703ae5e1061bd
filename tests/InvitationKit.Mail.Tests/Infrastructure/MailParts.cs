using System.Net;
using System.Text.RegularExpressions;
using MimeKit;

namespace InvitationKit.Mail.Tests.Infrastructure;

/// <summary>Reads a received mail as an invitee's mail client would: its parts, its links, its code.</summary>
internal static partial class MailParts
{
    /// <summary>Every link of the HTML part (decoded) and of the text part, in order, duplicates removed.</summary>
    public static string[] Links(MimeMessage message) =>
        [.. Href().Matches(message.HtmlBody ?? string.Empty).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value))
            .Concat(Url().Matches(message.TextBody ?? string.Empty).Select(m => m.Value)).Distinct()];

    /// <summary>The value of one query parameter of a link.</summary>
    public static string Query(string link, string name) =>
        new Uri(link).Query.TrimStart('?').Split('&').Select(p => p.Split('=', 2)).Single(p => p[0] == name)[1] is var value
            ? Uri.UnescapeDataString(value)
            : throw new InvalidOperationException();

    /// <summary>The one line of the text part that is a code of six digits: the code stands alone on its line.</summary>
    public static string Code(MimeMessage message) => Assert.Single((message.TextBody ?? string.Empty).ReplaceLineEndings("\n").Split('\n'), l => SixDigits().IsMatch(l));

    [GeneratedRegex("href=\"([^\"]+)\"")]
    private static partial Regex Href();

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex Url();

    [GeneratedRegex(@"^\d{6}$")]
    private static partial Regex SixDigits();
}
