using System.Text;

namespace InvitationKit.Mail;

/// <summary>Makes untrusted text (an account's or inviter's name, a role) safe to stand on one line.</summary>
internal static class MailText
{
    /// <summary>
    /// The text with every control, line or paragraph separator and run of whitespace made one space, trimmed: a name
    /// can neither start a header nor add a line to the mail (a second "code", say).
    /// </summary>
    public static string SingleLine(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            var blank = char.IsControl(c) || char.IsWhiteSpace(c) || c is '\u2028' or '\u2029';
            if (!blank)
            {
                builder.Append(c);
            }
            else if (builder.Length > 0 && builder[^1] != ' ')
            {
                builder.Append(' ');
            }
        }

        return builder.ToString().TrimEnd(' ');
    }
}
