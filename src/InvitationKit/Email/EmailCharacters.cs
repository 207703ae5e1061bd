using System.Globalization;

namespace InvitationKit;

/// <summary>
/// The character classes of the email grammar (<see cref="EmailGrammar"/>): RFC 5322 atext, the characters refused
/// anywhere in an address, and the non-ASCII characters an internationalized address (RFC 6531) may hold.
/// </summary>
internal static class EmailCharacters
{
    /// <summary>Whether the text holds a character that <see cref="IsForbidden"/> refuses.</summary>
    /// <param name="s">The text to scan.</param>
    /// <returns>Whether a forbidden character occurs.</returns>
    public static bool ContainsForbidden(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
        {
            if (IsForbidden(c))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether a UTF-16 code unit is refused anywhere in an address, even inside quotes: ASCII controls and DEL; beyond
    /// ASCII, control, format, line and paragraph separators, private-use and unassigned characters.
    /// </summary>
    /// <param name="c">The code unit.</param>
    /// <returns>Whether it is forbidden.</returns>
    public static bool IsForbidden(char c)
    {
        if (c < 0x80)
        {
            return c < 0x20 || c == 0x7F;
        }

        return char.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.Format
            or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.PrivateUse
            or UnicodeCategory.OtherNotAssigned;
    }

    /// <summary>
    /// Checks the non-ASCII character at <paramref name="i"/> (UTF8-non-ascii of RFC 6531): letters, marks, numbers,
    /// symbols, punctuation; surrogates only in valid pairs.
    /// </summary>
    /// <param name="s">The text being checked.</param>
    /// <param name="i">The index of a non-ASCII code unit; on return, the index of its last code unit.</param>
    /// <returns>
    /// <see cref="EmailAddressError.None"/>; <see cref="EmailAddressError.ForbiddenCharacter"/> for a lone surrogate and a
    /// forbidden or invisible code point; <see cref="EmailAddressError.InvalidLocalPart"/> for a space separator.
    /// </returns>
    public static EmailAddressError CheckNonAscii(ReadOnlySpan<char> s, ref int i)
    {
        var c = s[i];
        if (char.IsHighSurrogate(c))
        {
            if (i + 1 >= s.Length || !char.IsLowSurrogate(s[i + 1]))
            {
                return EmailAddressError.ForbiddenCharacter;
            }

            var codePoint = char.ConvertToUtf32(c, s[i + 1]);
            var category = CharUnicodeInfo.GetUnicodeCategory(codePoint);
            i++;
            return category is UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned or UnicodeCategory.Format || IsInvisible(codePoint)
                ? EmailAddressError.ForbiddenCharacter
                : EmailAddressError.None;
        }

        if (char.IsLowSurrogate(c) || IsForbidden(c) || IsInvisible(c))
        {
            return EmailAddressError.ForbiddenCharacter;
        }

        return char.GetUnicodeCategory(c) == UnicodeCategory.SpaceSeparator ? EmailAddressError.InvalidLocalPart : EmailAddressError.None;
    }

    /// <summary>Whether an ASCII character is RFC 5322 atext: allowed in a dot-atom without quoting.</summary>
    /// <param name="c">The character.</param>
    /// <returns>Whether it is atext.</returns>
    public static bool IsAtext(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is '!' or '#' or '$' or '%' or '&' or '\'' or '*' or '+' or '-' or '/' or '='
            or '?' or '^' or '_' or '`' or '{' or '|' or '}' or '~';

    // Unicode's Default_Ignorable_Code_Point property (DerivedCoreProperties.txt) plus the blank Braille pattern: code
    // points that render as nothing, so "alice\u3164@x" would look like alice@x yet be another mailbox. The property's
    // format (Cf) and unassigned members are refused by category already; these are the letters, marks and fillers.
    private static bool IsInvisible(int c) => c switch
    {
        0x00AD or 0x034F or 0x061C or 0x115F or 0x1160 or 0x17B4 or 0x17B5 or 0x2800 or 0x3164 or 0xFEFF or 0xFFA0 => true,
        >= 0x180B and <= 0x180F => true,
        >= 0x200B and <= 0x200F => true,
        >= 0x202A and <= 0x202E => true,
        >= 0x2060 and <= 0x206F => true,
        >= 0xFE00 and <= 0xFE0F => true,
        >= 0xFFF0 and <= 0xFFF8 => true,
        >= 0x1BCA0 and <= 0x1BCA3 => true,
        >= 0x1D173 and <= 0x1D17A => true,
        >= 0xE0000 and <= 0xE0FFF => true,
        _ => false,
    };
}
