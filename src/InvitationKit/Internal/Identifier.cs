namespace InvitationKit.Internal;

/// <summary>
/// Checks the host-defined identifiers (account, user, product ids and role names) the kit receives
/// before they reach a port: bounded length, no control or format characters.
/// </summary>
internal static class Identifier
{
    /// <summary>The longest identifier or role name the kit accepts.</summary>
    public const int MaxLength = 256;

    public static bool IsValid(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > MaxLength)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (char.IsControl(c) || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.Format
                or System.Globalization.UnicodeCategory.LineSeparator or System.Globalization.UnicodeCategory.ParagraphSeparator)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A short, printable excerpt of untrusted input for error messages (never the whole of a hostile string).</summary>
    public static string Excerpt(string? value, int max = 80)
    {
        if (value is null)
        {
            return "(null)";
        }

        var length = Math.Min(value.Length, max);
        return string.Create(length + (value.Length > max ? 1 : 0), value, (span, v) =>
        {
            for (var i = 0; i < length; i++)
            {
                var c = v[i];
                span[i] = char.IsControl(c) || char.IsSurrogate(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format ? '\uFFFD' : c;
            }

            if (span.Length > length)
            {
                span[length] = '\u2026';
            }
        });
    }
}
