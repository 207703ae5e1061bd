using System.Diagnostics.CodeAnalysis;

namespace InvitationKit;

/// <summary>
/// A domain of an account's email domain policy, as an address's key has it: the domain normalized by the very pieces that
/// build the key (<see cref="EmailAddress"/>, <see cref="EmailNormalizer"/>), so "Bücher.Example" and
/// "xn--bcher-kva.example" are one domain and match every address of it. Host names only: no address literal.
/// </summary>
internal static class EmailDomainNames
{
    /// <summary>Normalizes a domain as typed; false for anything that is not a domain an address can have.</summary>
    /// <param name="text">The domain, e.g. <c>Example.COM</c> or <c>bücher.example</c>; surrounding whitespace is trimmed.</param>
    /// <param name="domain">The normalized domain on success.</param>
    /// <returns>Whether the domain is acceptable.</returns>
    public static bool TryNormalize(string? text, [NotNullWhen(true)] out string? domain)
    {
        domain = null;
        if (text is null)
        {
            return false;
        }

        var trimmed = EmailNormalizer.TrimSurrounding(text);
        if (trimmed.Length is 0 or > EmailAddress.MaxDomainLength || trimmed[0] == '[' || trimmed.Contains('@', StringComparison.Ordinal))
        {
            return false;
        }

        // A domain is what the address grammar and normalizer accept after an '@': parse a one-letter address of it.
        if (!EmailAddress.TryParse("x@" + trimmed, out var address))
        {
            return false;
        }

        domain = address.Domain;
        return true;
    }
}
