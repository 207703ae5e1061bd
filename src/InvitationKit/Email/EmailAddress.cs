using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace InvitationKit;

/// <summary>
/// A validated email address with a case-insensitive matching <see cref="Key"/>, so that
/// <c>Alice@Example.COM</c> and <c>alice@example.com</c> are the same mailbox.
/// </summary>
/// <remarks>
/// <para>
/// Accepted: RFC 5321 mailboxes — a dot-atom or quoted-string local part (internationalized per RFC 6531),
/// and a host name (IDN allowed, at least two labels) or an address literal (<c>[192.0.2.1]</c>,
/// <c>[IPv6:2001:db8::1]</c>). Lengths: local part ≤ 64 octets, domain ≤ 253, whole address ≤ 254 octets.
/// Rejected: display-name forms (<c>Name &lt;a@b.c&gt;</c>), comments, trailing-dot domains, and any control,
/// format or line-breaking character — even inside quotes — and any invisible code point (Unicode's
/// Default_Ignorable_Code_Point, e.g. U+3164 HANGUL FILLER or the variation selectors), which would make a look-alike
/// of another mailbox. An internationalized domain is mapped by IDNA and the result must pass the ASCII rules again
/// (<c>example.com。</c> maps to a trailing dot and is refused).
/// </para>
/// <para>
/// <see cref="Value"/> keeps the local part as written and normalizes the domain to lowercase ASCII (punycode for IDN).
/// <see cref="Key"/> additionally case-folds the local part (NFC, invariant lowercase, final sigma as σ) and removes
/// needless quoting; IPv6 literals take their RFC 5952 canonical form.
/// Normalization is idempotent: parsing <see cref="Value"/> or <see cref="Key"/> again yields the same key.
/// </para>
/// </remarks>
/// <threadsafety>This type is an immutable value type.</threadsafety>
public readonly struct EmailAddress : IEquatable<EmailAddress>
{
    /// <summary>The longest address accepted, in UTF-8 octets (RFC 5321 forward-path of 256 minus the angle brackets).</summary>
    public const int MaxLength = 254;

    /// <summary>The longest local part accepted, in UTF-8 octets (RFC 5321 §4.5.3.1.1).</summary>
    public const int MaxLocalPartLength = 64;

    /// <summary>The longest domain accepted, in ASCII octets after IDN conversion.</summary>
    public const int MaxDomainLength = 253;

    private static readonly IdnMapping Idn = new() { UseStd3AsciiRules = true, AllowUnassigned = false };
    private static readonly SearchValues<char> AtextOrDot = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/=?^_`{|}~.");
    private static readonly SearchValues<char> LdhOrDot = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.");
    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789abcdefABCDEF");

    private readonly string? _value;
    private readonly string? _key;

    private EmailAddress(string value, string key)
    {
        _value = value;
        _key = key;
    }

    /// <summary>
    /// Rebuilds an address the kit parsed and stored earlier, without parsing it again: a stored invitation can always be
    /// delivered, resent and listed, even if a later version's rules would refuse the address.
    /// </summary>
    internal static EmailAddress FromStored(string value, string key) => new(value, key);

    /// <summary>The address with its domain normalized to lowercase ASCII; the local part as written.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>The matching key: case-folded local part and normalized domain. Equal keys mean the same mailbox.</summary>
    public string Key => _key ?? string.Empty;

    /// <summary>The local part (before the last <c>@</c>) of <see cref="Value"/>.</summary>
    public string LocalPart => Value[..Value.LastIndexOf('@')];

    /// <summary>The normalized domain of <see cref="Value"/>.</summary>
    public string Domain => Value[(Value.LastIndexOf('@') + 1)..];

    /// <summary>Parses an address, throwing <see cref="FormatException"/> when it is not acceptable.</summary>
    /// <param name="text">The address to parse.</param>
    /// <returns>The parsed address.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="FormatException">The address is not acceptable; the message says why.</exception>
    public static EmailAddress Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var address, out var error)
            ? address
            : throw new FormatException($"'{Internal.Identifier.Excerpt(text)}' is not an acceptable email address: {Describe(error)}");
    }

    /// <summary>Parses an address without throwing.</summary>
    /// <param name="text">The address to parse.</param>
    /// <param name="address">The parsed address on success.</param>
    /// <returns>Whether the address is acceptable.</returns>
    public static bool TryParse(string? text, out EmailAddress address) => TryParse(text, out address, out _);

    /// <summary>Parses an address without throwing, saying why it failed.</summary>
    /// <param name="text">The address to parse; null is reported as <see cref="EmailAddressError.Empty"/>.</param>
    /// <param name="address">The parsed address on success.</param>
    /// <param name="error"><see cref="EmailAddressError.None"/> on success, otherwise the reason.</param>
    /// <returns>Whether the address is acceptable.</returns>
    public static bool TryParse(string? text, out EmailAddress address, out EmailAddressError error)
    {
        error = TryParseCore(text, out address);
        return error == EmailAddressError.None;
    }

    private static EmailAddressError TryParseCore(string? text, out EmailAddress address)
    {
        address = default;
        if (text is null)
        {
            return EmailAddressError.Empty;
        }

        var error = Validate(text, out var at, out var hasNonAscii, out var isQuoted);
        if (error != EmailAddressError.None)
        {
            return error;
        }

        if (!hasNonAscii)
        {
            address = ParseAscii(text, at, isQuoted);
            return EmailAddressError.None;
        }

        var span = text.AsSpan();
        if (!TryNormalizeDomain(span[(at + 1)..], out var domain))
        {
            return EmailAddressError.InvalidDomain;
        }

        var localOctets = Encoding.UTF8.GetByteCount(span[..at]);
        if (localOctets + 1 + (domain?.Length ?? span.Length - at - 1) > MaxLength)
        {
            return EmailAddressError.TooLong;
        }

        var value = domain is null ? text : string.Concat(span[..at], "@", domain);
        var key = BuildKey(value, at, value.Length - at - 1, isQuoted, hasNonAscii);
        address = new EmailAddress(value, key);
        return EmailAddressError.None;
    }

    /// <summary>
    /// Validates an address and returns only its matching <see cref="Key"/>: for ASCII addresses the key is the only
    /// string allocated (none when the input is already its own key).
    /// </summary>
    /// <param name="text">The address.</param>
    /// <param name="key">The key on success.</param>
    /// <returns>Whether the address is acceptable.</returns>
    public static bool TryGetKey(string? text, [NotNullWhen(true)] out string? key)
    {
        key = null;
        if (text is null || Validate(text, out var at, out var hasNonAscii, out var isQuoted) != EmailAddressError.None)
        {
            return false;
        }

        if (!hasNonAscii && !isQuoted && text[at + 1] != '[')
        {
            key = text.AsSpan().ContainsAnyInRange('A', 'Z') ? LowerAscii(text) : text;
            return true;
        }

        var parsed = TryParse(text, out var address);
        key = parsed ? address.Key : null;
        return parsed;
    }

    /// <summary>Checks an address without allocating (IDN domains are checked for shape; full IDNA rules apply on parse).</summary>
    /// <param name="text">The address to check.</param>
    /// <returns>Whether the address has an acceptable shape.</returns>
    public static bool IsValid(ReadOnlySpan<char> text) => Validate(text, out _, out _, out _) == EmailAddressError.None;

    /// <summary>A sentence describing a parse error, suitable for a developer or an end user.</summary>
    /// <param name="error">The error to describe.</param>
    /// <returns>The description.</returns>
    public static string Describe(EmailAddressError error) => error switch
    {
        EmailAddressError.None => "the address is valid.",
        EmailAddressError.Empty => "the address is empty.",
        EmailAddressError.TooLong => "the address is longer than 254 characters.",
        EmailAddressError.MissingAt => "the address has no '@' between the name and the domain.",
        EmailAddressError.InvalidLocalPart => "the part before '@' is empty, longer than 64 characters, or holds characters that need quoting.",
        EmailAddressError.InvalidDomain => "the domain is not a valid host name such as example.com.",
        EmailAddressError.ForbiddenCharacter => "the address holds a control or line-break character.",
        _ => "the address is not acceptable.",
    };

    /// <inheritdoc />
    public bool Equals(EmailAddress other) => string.Equals(Key, other.Key, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is EmailAddress other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Key);

    /// <summary>Returns <see cref="Value"/>.</summary>
    /// <returns>The normalized address.</returns>
    public override string ToString() => Value;

    /// <summary>Whether two addresses are the same mailbox.</summary>
    /// <param name="left">The first address.</param>
    /// <param name="right">The second address.</param>
    /// <returns>Whether their keys are equal.</returns>
    public static bool operator ==(EmailAddress left, EmailAddress right) => left.Equals(right);

    /// <summary>Whether two addresses are different mailboxes.</summary>
    /// <param name="left">The first address.</param>
    /// <param name="right">The second address.</param>
    /// <returns>Whether their keys differ.</returns>
    public static bool operator !=(EmailAddress left, EmailAddress right) => !left.Equals(right);

    // ---- validation (no allocation) -------------------------------------------------------------

    private static EmailAddressError Validate(ReadOnlySpan<char> s, out int at, out bool hasNonAscii, out bool isQuoted)
    {
        at = -1;
        hasNonAscii = false;
        isQuoted = false;
        if (s.IsEmpty)
        {
            return EmailAddressError.Empty;
        }

        // UTF-16 length is a lower bound on UTF-8 octets, so this rejects huge input in O(1).
        if (s.Length > MaxLength)
        {
            return EmailAddressError.TooLong;
        }

        at = s.LastIndexOf('@');
        if (at < 0)
        {
            return ContainsForbidden(s) ? EmailAddressError.ForbiddenCharacter : EmailAddressError.MissingAt;
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

        if ((hasNonAscii ? Encoding.UTF8.GetByteCount(local) : local.Length) > MaxLocalPartLength)
        {
            return EmailAddressError.InvalidLocalPart;
        }

        var domainNonAscii = false;
        var domainError = domain.Length > 0 && domain[0] == '['
            ? ValidateLiteral(domain)
            : ValidateHostName(domain, ref domainNonAscii);
        hasNonAscii |= domainNonAscii;
        return domainError;
    }

    private static bool ContainsForbidden(ReadOnlySpan<char> s)
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

    private static bool IsForbidden(char c)
    {
        if (c < 0x80)
        {
            return c < 0x20 || c == 0x7F;
        }

        return char.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.Format
            or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.PrivateUse
            or UnicodeCategory.OtherNotAssigned;
    }

    // Non-ASCII (UTF8-non-ascii of RFC 6531): letters, marks, numbers, symbols, punctuation; surrogates only in valid pairs.
    private static EmailAddressError CheckNonAscii(ReadOnlySpan<char> s, ref int i)
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

    private static bool IsAtext(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is '!' or '#' or '$' or '%' or '&' or '\'' or '*' or '+' or '-' or '/' or '='
            or '?' or '^' or '_' or '`' or '{' or '|' or '}' or '~';

    private static EmailAddressError ValidateDotAtom(ReadOnlySpan<char> local, ref bool hasNonAscii)
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
                if (IsAtext(c))
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
            var error = CheckNonAscii(local, ref i);
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
            return ContainsForbidden(local) ? EmailAddressError.ForbiddenCharacter : EmailAddressError.InvalidLocalPart;
        }

        var inner = local[1..^1];
        for (var i = 0; i < inner.Length; i++)
        {
            var c = inner[i];
            if (c >= 0x80)
            {
                hasNonAscii = true;
                var error = CheckNonAscii(inner, ref i);
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
        if (domain.IsEmpty || domain.Length > MaxDomainLength)
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
            var error = CheckNonAscii(domain, ref i);
            if (error != EmailAddressError.None)
            {
                return error == EmailAddressError.ForbiddenCharacter ? error : EmailAddressError.InvalidDomain;
            }
        }

        return labels >= 2 ? EmailAddressError.None : EmailAddressError.InvalidDomain;
    }

    // Fast path for ASCII letters, digits, hyphens and dots: labels of 1..63, no hyphen at either end, ≥ 2 labels, a TLD that is not all digits.
    private static EmailAddressError ValidateLdhHostName(ReadOnlySpan<char> domain)
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

    private static EmailAddressError ValidateLiteral(ReadOnlySpan<char> domain)
    {
        if (domain.Length < 3 || domain[^1] != ']')
        {
            return ContainsForbidden(domain) ? EmailAddressError.ForbiddenCharacter : EmailAddressError.InvalidDomain;
        }

        var inner = domain[1..^1];
        if (ContainsForbidden(inner))
        {
            return EmailAddressError.ForbiddenCharacter;
        }

        var valid = inner.StartsWith("IPv6:", StringComparison.OrdinalIgnoreCase) ? IsIPv6(inner[5..]) : IsIPv4(inner);
        return valid ? EmailAddressError.None : EmailAddressError.InvalidDomain;
    }

    // RFC 5321 IPv4-address-literal: four decimal octets 0..255 without leading zeros.
    private static bool IsIPv4(ReadOnlySpan<char> text)
    {
        var parts = 0;
        foreach (var range in text.Split('.'))
        {
            var octet = text[range];
            if (octet.IsEmpty || octet.Length > 3 || octet.IndexOfAnyExceptInRange('0', '9') >= 0 || (octet.Length > 1 && octet[0] == '0')
                || int.Parse(octet, CultureInfo.InvariantCulture) > 255)
            {
                return false;
            }

            parts++;
        }

        return parts == 4;
    }

    // RFC 5321 IPv6-addr: full (8 groups), compressed ("::" standing for at least two groups, at most 6 others), and
    // both with an IPv4 tail counting as two groups. Checked without allocating (IPAddress.TryParse allocates).
    private static bool IsIPv6(ReadOnlySpan<char> text)
    {
        var groups = 8;
        var lastColon = text.LastIndexOf(':');
        if (lastColon < 0)
        {
            return false;
        }

        if (text[(lastColon + 1)..].Contains('.'))
        {
            if (!IsIPv4(text[(lastColon + 1)..]))
            {
                return false;
            }

            groups = 6;
            var endsWithDoubleColon = lastColon > 0 && text[lastColon - 1] == ':';
            text = endsWithDoubleColon ? text[..(lastColon + 1)] : text[..lastColon];
        }

        var compressed = text.IndexOf("::", StringComparison.Ordinal);
        if (compressed < 0)
        {
            return CountHexGroups(text) == groups;
        }

        var left = CountHexGroups(text[..compressed]);
        var right = CountHexGroups(text[(compressed + 2)..]);
        return left >= 0 && right >= 0 && left + right <= groups - 2;
    }

    // The number of colon-separated groups of 1..4 hex digits; 0 for empty text; -1 when malformed.
    private static int CountHexGroups(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return 0;
        }

        var count = 0;
        foreach (var range in text.Split(':'))
        {
            var group = text[range];
            if (group.Length is 0 or > 4 || group.IndexOfAnyExcept(HexDigits) >= 0)
            {
                return -1;
            }

            count++;
        }

        return count;
    }

    // ---- normalization (allocates only the strings that differ from the input) ----------------

    // ASCII: octets are chars, so the lengths Validate checked are final; lower-case with one string.Create per result.
    private static EmailAddress ParseAscii(string text, int at, bool isQuoted)
    {
        var literal = text[at + 1] == '[';
        if (literal && CanonicalLiteral(text.AsSpan(at + 1)) is { } canonical)
        {
            text = string.Concat(text.AsSpan(0, at + 1), canonical);
        }

        var value = !literal && text.AsSpan(at + 1).ContainsAnyInRange('A', 'Z')
            ? string.Create(text.Length, (text, at), static (span, state) =>
            {
                state.text.AsSpan(0, state.at + 1).CopyTo(span);
                System.Text.Ascii.ToLower(state.text.AsSpan(state.at + 1), span[(state.at + 1)..], out _);
            })
            : text;
        if (isQuoted)
        {
            return new EmailAddress(value, BuildKey(value, at, value.Length - at - 1, isQuoted: true, hasNonAscii: false));
        }

        var key = !value.AsSpan(0, at).ContainsAnyInRange('A', 'Z')
            ? value
            : string.Create(value.Length, (value, at), static (span, state) =>
            {
                System.Text.Ascii.ToLower(state.value.AsSpan(0, state.at), span, out _);
                state.value.AsSpan(state.at).CopyTo(span[state.at..]);
            });
        return new EmailAddress(value, key);
    }

    // Returns false when the domain fails IDNA; sets normalized only when it differs from the input.
    private static bool TryNormalizeDomain(ReadOnlySpan<char> domain, out string? normalized)
    {
        normalized = null;
        if (domain[0] == '[')
        {
            normalized = CanonicalLiteral(domain);
            return true;
        }

        if (!Ascii.IsValid(domain))
        {
            try
            {
                normalized = Idn.GetAscii(domain.ToString()).ToLowerInvariant();
            }
            catch (ArgumentException)
            {
                return false;
            }

            // IDNA maps look-alikes (。 ． ｡ → '.', fullwidth digits → ASCII digits, invisible code points → nothing):
            // the result must pass the very rules an ASCII domain passes, or one mailbox would get two keys.
            return normalized.Length <= MaxDomainLength && ValidateLdhHostName(normalized) == EmailAddressError.None;
        }

        if (domain.ContainsAnyInRange('A', 'Z'))
        {
            normalized = LowerAscii(domain);
        }

        return true;
    }

    // RFC 5952: an IPv6 literal in its one canonical text form (lowercase, no leading zeros, the longest run of zero
    // groups as "::"), so that one host has one key; IPv4 literals are canonical once validated. Null when unchanged.
    private static string? CanonicalLiteral(ReadOnlySpan<char> literal)
    {
        var inner = literal[1..^1];
        if (!inner.StartsWith("IPv6:", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var canonical = "[IPv6:" + System.Net.IPAddress.Parse(inner[5..]).ToString() + "]";
        return literal.SequenceEqual(canonical) ? null : canonical;
    }

    private static string LowerAscii(string s) =>
        string.Create(s.Length, s, static (destination, source) => System.Text.Ascii.ToLower(source, destination, out _));

    private static string LowerAscii(ReadOnlySpan<char> s) => LowerAscii(s.ToString()); // slow paths only (non-ASCII addresses)

    private static string BuildKey(string value, int at, int domainLength, bool isQuoted, bool hasNonAscii)
    {
        var local = value.AsSpan(0, at);
        string? folded = null;
        if (isQuoted)
        {
            folded = CanonicalQuoted(local[1..^1]);
            local = folded;
        }

        if (hasNonAscii && !Ascii.IsValid(local))
        {
            // Final sigma (ς) is σ at the end of a word: both spell one mailbox.
            folded = local.ToString().ToLowerInvariant().Normalize(NormalizationForm.FormC).Replace('ς', 'σ');
        }
        else if (local.ContainsAnyInRange('A', 'Z'))
        {
            folded = LowerAscii(local);
        }

        return folded is null ? value : string.Concat(folded, "@", value.AsSpan(value.Length - domainLength));
    }

    // Unescapes a quoted local part; drops the quotes when the content is a dot-atom, else re-quotes minimally.
    private static string CanonicalQuoted(ReadOnlySpan<char> inner)
    {
        var builder = new StringBuilder(inner.Length + 2);
        for (var i = 0; i < inner.Length; i++)
        {
            builder.Append(inner[i] == '\\' ? inner[++i] : inner[i]);
        }

        var content = builder.ToString();
        var ignored = false;
        if (content.Length > 0 && ValidateDotAtom(content, ref ignored) == EmailAddressError.None)
        {
            return content;
        }

        builder.Clear().Append('"');
        foreach (var c in content)
        {
            if (c is '"' or '\\')
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.Append('"').ToString();
    }
}
