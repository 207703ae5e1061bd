using System.Text;

namespace InvitationKit;

/// <summary>
/// What an address search matches: the start of <see cref="EmailAddress.Key"/>, case-folded as keys are. A whole address
/// becomes its key (so <c>Bob@Bücher.example</c> finds <c>bob@xn--bcher-kva.example</c>); a partial one is folded as a
/// key's local part is, its domain lower-cased (a domain with non-ASCII letters matches once typed whole, as IDNA
/// encodes whole labels).
/// </summary>
internal static class EmailKeyPrefix
{
    /// <summary>The key prefix of a search; false when the text cannot start any address (control characters, white space, a lone surrogate, too long).</summary>
    public static bool TryNormalize(string text, out string prefix)
    {
        ArgumentNullException.ThrowIfNull(text);
        prefix = string.Empty;
        text = text.Trim();
        if (text.Length is 0 or > EmailAddress.MaxLength || text.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)) || !IsWellFormed(text))
        {
            return false;
        }

        if (EmailAddress.TryParse(text, out var address))
        {
            prefix = address.Key;
            return true;
        }

        var at = text.LastIndexOf('@');
        var local = at < 0 ? text : text[..at];
        prefix = Ascii.IsValid(local) ? local.ToLowerInvariant() : EmailNormalizer.FoldNonAsciiLocalPart(local);
        if (at >= 0)
        {
            prefix += "@" + Domain(text[(at + 1)..]);
        }

        return true;
    }

    // A lone surrogate is no character: no address holds one (and Unicode normalization refuses it).
    private static bool IsWellFormed(ReadOnlySpan<char> text)
    {
        while (!text.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(text, out _, out var used) != System.Buffers.OperationStatus.Done)
            {
                return false;
            }

            text = text[used..];
        }

        return true;
    }

    private static string Domain(string domain)
    {
        if (Ascii.IsValid(domain))
        {
            return domain.ToLowerInvariant();
        }

        try
        {
            return EmailNormalizer.Idn.GetAscii(domain).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            return domain.ToLowerInvariant(); // an unfinished label: it matches nothing stored, as typed so far
        }
    }
}
