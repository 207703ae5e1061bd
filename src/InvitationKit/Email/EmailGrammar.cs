using System.Buffers;
using System.Text;

namespace InvitationKit;

/// <summary>
/// The RFC 5321 mailbox syntax <see cref="EmailAddress"/> accepts (see its remarks), checked without allocating: a
/// dot-atom or quoted-string local part (internationalized per RFC 6531), and a host name or an address literal
/// (<see cref="EmailAddressLiteral"/>), over the character classes of <see cref="EmailCharacters"/>.
/// </summary>
/// <remarks>
/// Syntax only: an internationalized domain is checked for shape, and IDNA mapping (which may still refuse it) and the
/// UTF-8 length of the whole address are checked by <see cref="EmailNormalizer"/>. For an ASCII address the verdict is
/// the parser's.
/// </remarks>
internal static class EmailGrammar
{
    private static readonly SearchValues<char> AtextOrDot = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/=?^_`{|}~.");
    private static readonly SearchValues<char> LdhOrDot = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.");

    /// <summary>
    /// Whether an address matches the syntax, without allocating; surrounding whitespace is trimmed first, as
    /// <see cref="EmailNormalizer.TrimSurrounding"/> trims it. Weaker than <see cref="EmailAddress.TryParse(string?, out EmailAddress)"/>
    /// for non-ASCII addresses: an IDN domain is checked for shape only (full IDNA rules apply on parse), and the UTF-8
    /// length of the whole address is not counted.
    /// </summary>
    /// <param name="text">The address to check.</param>
    /// <returns>Whether the address has an acceptable shape.</returns>
    public static bool MatchesSyntax(ReadOnlySpan<char> text) => Validate(text.Trim(), out _, out _, out _) == EmailAddressError.None; // span Trim: char.IsWhiteSpace too

    /// <summary>Checks an address's syntax and says where its parts are.</summary>
    /// <param name="s">
    /// The address, its surrounding whitespace already trimmed (<see cref="EmailNormalizer.TrimSurrounding"/>): any
    /// whitespace left is judged as part of the address.
    /// </param>
    /// <param name="at">The index of the last <c>@</c>; -1 when there is none.</param>
    /// <param name="hasNonAscii">Whether the local part or the domain holds a non-ASCII character.</param>
    /// <param name="isQuoted">Whether the local part is a quoted string.</param>
    /// <returns><see cref="EmailAddressError.None"/>, or the first reason the syntax is not acceptable.</returns>
    public static EmailAddressError Validate(ReadOnlySpan<char> s, out int at, out bool hasNonAscii, out bool isQuoted)
    {
        at = -1;
        hasNonAscii = false;
        isQuoted = false;
        if (s.IsEmpty)
        {
            return EmailAddressError.Empty;
        }

        // UTF-16 length is a lower bound on UTF-8 octets, so this rejects huge input in O(1).
        if (s.Length > EmailAddress.MaxLength)
        {
            return EmailAddressError.TooLong;
        }

        at = s.LastIndexOf('@');
        if (at < 0)
        {
            return EmailCharacters.ContainsForbidden(s) ? EmailAddressError.ForbiddenCharacter : EmailAddressError.MissingAt;
        }

        var local = s[..at];
        var domain = s[(at + 1)..];
        if (local.IsEmpty)
        {
            return EmailAddressError.InvalidLocalPart;
        }

        var localError = local[0] == '"' ? ValidateQuoted(local, ref hasNonAscii) : ValidateDotAtom(local, ref hasNonAscii);
        isQuoted = local[0] == '"';
        if (localError != EmailAddressError.None)
        {
            return localError;
        }

        if ((hasNonAscii ? Encoding.UTF8.GetByteCount(local) : local.Length) > EmailAddress.MaxLocalPartLength)
        {
            return EmailAddressError.InvalidLocalPart;
        }

        var domainNonAscii = false;
        var domainError = domain.Length > 0 && domain[0] == '['
            ? EmailAddressLiteral.Validate(domain)
            : ValidateHostName(domain, ref domainNonAscii);
        hasNonAscii |= domainNonAscii;
        return domainError;
    }

    /// <summary>Checks a non-empty unquoted local part: atext (or non-ASCII) atoms separated by single dots.</summary>
    /// <param name="local">The local part; not empty.</param>
    /// <param name="hasNonAscii">Set when a non-ASCII character is met; left unchanged otherwise.</param>
    /// <returns>
    /// <see cref="EmailAddressError.None"/>, <see cref="EmailAddressError.ForbiddenCharacter"/> or
    /// <see cref="EmailAddressError.InvalidLocalPart"/>.
    /// </returns>
    public static EmailAddressError ValidateDotAtom(ReadOnlySpan<char> local, ref bool hasNonAscii)
    {
        if (local[0] == '.' || local[^1] == '.')
        {
            return EmailAddressError.InvalidLocalPart;
        }

        // Fast path (vectorized): all ASCII atext and dots, so only the dots' placement is left to check.
        if (local.IndexOfAnyExcept(AtextOrDot) < 0)
        {
            return local.IndexOf("..", StringComparison.Ordinal) < 0 ? EmailAddressError.None : EmailAddressError.InvalidLocalPart;
        }

        for (var i = 0; i < local.Length; i++)
        {
            var c = local[i];
            if (c < 0x80)
            {
                if (EmailCharacters.IsAtext(c))
                {
                    continue;
                }

                if (c == '.' && local[i - 1] != '.')
                {
                    continue;
                }

                return c < 0x20 || c == 0x7F ? EmailAddressError.ForbiddenCharacter : EmailAddressError.InvalidLocalPart;
            }

            hasNonAscii = true;
            var error = EmailCharacters.CheckNonAscii(local, ref i);
            if (error != EmailAddressError.None)
            {
                return error;
            }
        }

        return EmailAddressError.None;
    }

    private static EmailAddressError ValidateQuoted(ReadOnlySpan<char> local, ref bool hasNonAscii)
    {
        if (local.Length < 2 || local[^1] != '"')
        {
            return EmailCharacters.ContainsForbidden(local) ? EmailAddressError.ForbiddenCharacter : EmailAddressError.InvalidLocalPart;
        }

        var inner = local[1..^1];
        for (var i = 0; i < inner.Length; i++)
        {
            var c = inner[i];
            if (c >= 0x80)
            {
                hasNonAscii = true;
                var error = EmailCharacters.CheckNonAscii(inner, ref i);
                if (error == EmailAddressError.ForbiddenCharacter)
                {
                    return error;
                }

                continue;
            }

            if (c < 0x20 || c == 0x7F)
            {
                return EmailAddressError.ForbiddenCharacter;
            }

            if (c == '"')
            {
                return EmailAddressError.InvalidLocalPart;
            }

            if (c == '\\')
            {
                // quoted-pair: a backslash followed by a printable ASCII character or space.
                if (++i >= inner.Length)
                {
                    return EmailAddressError.InvalidLocalPart;
                }

                var escaped = inner[i];
                if (escaped < 0x20 || escaped >= 0x7F)
                {
                    return escaped < 0x20 || escaped == 0x7F ? EmailAddressError.ForbiddenCharacter : EmailAddressError.InvalidLocalPart;
                }
            }
        }

        return EmailAddressError.None;
    }

    private static EmailAddressError ValidateHostName(ReadOnlySpan<char> domain, ref bool hasNonAscii)
    {
        if (domain.IsEmpty || domain.Length > EmailAddress.MaxDomainLength)
        {
            return domain.IsEmpty ? EmailAddressError.InvalidDomain : EmailAddressError.TooLong;
        }

        if (domain.IndexOfAnyExcept(LdhOrDot) < 0)
        {
            return ValidateLdhHostName(domain);
        }

        var labels = 0;
        var labelStart = 0;
        var labelAllDigits = true;
        for (var i = 0; i <= domain.Length; i++)
        {
            if (i == domain.Length || domain[i] == '.')
            {
                var length = i - labelStart;
                if (length == 0 || length > 63 || domain[labelStart] == '-' || domain[i - 1] == '-')
                {
                    return EmailAddressError.InvalidDomain;
                }

                labels++;
                if (i == domain.Length && labelAllDigits)
                {
                    return EmailAddressError.InvalidDomain; // an all-numeric TLD: an IP address without brackets.
                }

                labelStart = i + 1;
                labelAllDigits = true;
                continue;
            }

            var c = domain[i];
            if (c < 0x80)
            {
                if (char.IsAsciiDigit(c))
                {
                    continue;
                }

                labelAllDigits = false;
                if (char.IsAsciiLetter(c) || c == '-')
                {
                    continue;
                }

                return c < 0x20 || c == 0x7F ? EmailAddressError.ForbiddenCharacter : EmailAddressError.InvalidDomain;
            }

            labelAllDigits = false;
            hasNonAscii = true;
            var error = EmailCharacters.CheckNonAscii(domain, ref i);
            if (error != EmailAddressError.None)
            {
                return error == EmailAddressError.ForbiddenCharacter ? error : EmailAddressError.InvalidDomain;
            }
        }

        return labels >= 2 ? EmailAddressError.None : EmailAddressError.InvalidDomain;
    }

    /// <summary>
    /// Fast path for ASCII letters, digits, hyphens and dots (an LDH host name, or the result of IDNA): labels of 1..63,
    /// no hyphen at either end, ≥ 2 labels, a TLD that is not all digits.
    /// </summary>
    /// <param name="domain">The host name.</param>
    /// <returns><see cref="EmailAddressError.None"/> or <see cref="EmailAddressError.InvalidDomain"/>.</returns>
    public static EmailAddressError ValidateLdhHostName(ReadOnlySpan<char> domain)
    {
        var labels = 0;
        while (true)
        {
            var dot = domain.IndexOf('.');
            var label = dot < 0 ? domain : domain[..dot];
            if (label.IsEmpty || label.Length > 63 || label[0] == '-' || label[^1] == '-')
            {
                return EmailAddressError.InvalidDomain;
            }

            labels++;
            if (dot < 0)
            {
                return labels >= 2 && label.IndexOfAnyExceptInRange('0', '9') >= 0 ? EmailAddressError.None : EmailAddressError.InvalidDomain;
            }

            domain = domain[(dot + 1)..];
        }
    }
}
