using System.Buffers;
using System.Globalization;

namespace InvitationKit;

/// <summary>
/// The address-literal domains of RFC 5321 §4.1.3: <c>[192.0.2.1]</c> and <c>[IPv6:2001:db8::1]</c>, checked without
/// allocating (<c>IPAddress.TryParse</c> allocates). Their canonical form is <see cref="EmailNormalizer"/>'s.
/// </summary>
internal static class EmailAddressLiteral
{
    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789abcdefABCDEF");

    /// <summary>Checks a domain that starts with <c>[</c>: an IPv4 or an <c>IPv6:</c> address between brackets.</summary>
    /// <param name="domain">The domain, brackets included.</param>
    /// <returns>
    /// <see cref="EmailAddressError.None"/>, <see cref="EmailAddressError.ForbiddenCharacter"/> or
    /// <see cref="EmailAddressError.InvalidDomain"/>.
    /// </returns>
    public static EmailAddressError Validate(ReadOnlySpan<char> domain)
    {
        if (domain.Length < 3 || domain[^1] != ']')
        {
            return EmailCharacters.ContainsForbidden(domain) ? EmailAddressError.ForbiddenCharacter : EmailAddressError.InvalidDomain;
        }

        var inner = domain[1..^1];
        if (EmailCharacters.ContainsForbidden(inner))
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
}
