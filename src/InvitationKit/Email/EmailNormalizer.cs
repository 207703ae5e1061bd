using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace InvitationKit;

/// <summary>
/// Builds an address's <see cref="EmailAddress.Value"/> and matching <see cref="EmailAddress.Key"/> once
/// <see cref="EmailGrammar"/> has accepted its syntax: the domain to lowercase ASCII (IDNA for an internationalized
/// domain, RFC 5952 for an IPv6 literal), and for the key the local part case-folded and unquoted where quoting is
/// needless. Allocates only the strings that differ from the input.
/// </summary>
internal static class EmailNormalizer
{
    /// <summary>The IDNA mapping of domains (STD3 rules, assigned code points only).</summary>
    internal static readonly IdnMapping Idn = new() { UseStd3AsciiRules = true, AllowUnassigned = false };

    /// <summary>Validates an address and builds its value and key.</summary>
    /// <param name="text">
    /// The address; surrounding whitespace is trimmed first (<see cref="TrimSurrounding"/>), and null or nothing left is
    /// reported as <see cref="EmailAddressError.Empty"/>.
    /// </param>
    /// <param name="value">The value on success; empty otherwise.</param>
    /// <param name="key">The key on success; empty otherwise.</param>
    /// <returns><see cref="EmailAddressError.None"/> on success, otherwise the reason.</returns>
    public static EmailAddressError Normalize(string? text, out string value, out string key)
    {
        value = key = string.Empty;
        if (text is null)
        {
            return EmailAddressError.Empty;
        }

        text = TrimSurrounding(text);
        var error = EmailGrammar.Validate(text, out var at, out var hasNonAscii, out var isQuoted);
        if (error != EmailAddressError.None)
        {
            return error;
        }

        if (!hasNonAscii)
        {
            (value, key) = NormalizeAscii(text, at, isQuoted);
            return EmailAddressError.None;
        }

        var span = text.AsSpan();
        if (!TryNormalizeDomain(span[(at + 1)..], out var domain))
        {
            return EmailAddressError.InvalidDomain;
        }

        var localOctets = Encoding.UTF8.GetByteCount(span[..at]);
        if (localOctets + 1 + (domain?.Length ?? span.Length - at - 1) > EmailAddress.MaxLength)
        {
            return EmailAddressError.TooLong;
        }

        value = domain is null ? text : string.Concat(span[..at], "@", domain);
        key = BuildKey(value, at, value.Length - at - 1, isQuoted, hasNonAscii);
        return EmailAddressError.None;
    }

    /// <summary>
    /// Validates an address and returns only its matching <see cref="EmailAddress.Key"/>: for ASCII addresses the key is
    /// the only string allocated (none when the input is already its own key).
    /// </summary>
    /// <param name="text">The address.</param>
    /// <param name="key">The key on success.</param>
    /// <returns>Whether the address is acceptable.</returns>
    public static bool TryGetKey(string? text, [NotNullWhen(true)] out string? key)
    {
        key = null;
        text = text is null ? null : TrimSurrounding(text);
        if (text is null || EmailGrammar.Validate(text, out var at, out var hasNonAscii, out var isQuoted) != EmailAddressError.None)
        {
            return false;
        }

        if (!hasNonAscii && !isQuoted && text[at + 1] != '[')
        {
            key = text.AsSpan().ContainsAnyInRange('A', 'Z') ? LowerAscii(text) : text;
            return true;
        }

        var parsed = Normalize(text, out _, out var normalizedKey) == EmailAddressError.None;
        key = parsed ? normalizedKey : null;
        return parsed;
    }

    /// <summary>
    /// Removes the whitespace people paste around an address: leading and trailing characters of Unicode's White_Space
    /// property — exactly <see cref="char.IsWhiteSpace(char)"/>: U+0009–U+000D (tab, LF, VT, FF, CR), space, U+0085,
    /// U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F and U+3000. Nothing else is trimmed (a zero-width
    /// space or a BOM is a format character, refused wherever it stands), and nothing inside the address is touched: the
    /// grammar judges the rest exactly as written.
    /// </summary>
    /// <param name="text">The address as given.</param>
    /// <returns>The address without surrounding whitespace: the same instance when there is none, so nothing is allocated.</returns>
    public static string TrimSurrounding(string text) => text.Trim(); // string.Trim() trims char.IsWhiteSpace, Unicode's White_Space

    // ASCII: octets are chars, so the lengths Validate checked are final; lower-case with one string.Create per result.
    private static (string Value, string Key) NormalizeAscii(string text, int at, bool isQuoted)
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
            return (value, BuildKey(value, at, value.Length - at - 1, isQuoted: true, hasNonAscii: false));
        }

        var key = !value.AsSpan(0, at).ContainsAnyInRange('A', 'Z')
            ? value
            : string.Create(value.Length, (value, at), static (span, state) =>
            {
                System.Text.Ascii.ToLower(state.value.AsSpan(0, state.at), span, out _);
                state.value.AsSpan(state.at).CopyTo(span[state.at..]);
            });
        return (value, key);
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
            return normalized.Length <= EmailAddress.MaxDomainLength && EmailGrammar.ValidateLdhHostName(normalized) == EmailAddressError.None;
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
            folded = FoldNonAsciiLocalPart(local.ToString());
        }
        else if (local.ContainsAnyInRange('A', 'Z'))
        {
            folded = LowerAscii(local);
        }

        return folded is null ? value : string.Concat(folded, "@", value.AsSpan(value.Length - domainLength));
    }

    /// <summary>How a key folds a local part that is not ASCII: lower case, NFC, and final sigma (ς) as σ, since both spell one mailbox.</summary>
    internal static string FoldNonAsciiLocalPart(string local) =>
        local.ToLowerInvariant().Normalize(NormalizationForm.FormC).Replace('ς', 'σ');

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
        if (content.Length > 0 && EmailGrammar.ValidateDotAtom(content, ref ignored) == EmailAddressError.None)
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
