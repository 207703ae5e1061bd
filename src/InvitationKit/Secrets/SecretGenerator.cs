using System.Buffers.Text;
using System.Security.Cryptography;

namespace InvitationKit.Secrets;

/// <summary>Draws one-time passwords, link tokens and invitation ids from the BCL's CSPRNG.</summary>
/// <remarks>
/// Nothing random is buffered: every secret comes from <see cref="RandomNumberGenerator"/> when it is needed, so no
/// future secret ever sits in memory (a heap dump or a process snapshot cannot reveal or duplicate one).
/// <see cref="RandomNumberGenerator.GetString(ReadOnlySpan{char}, int)"/> draws each character uniformly (no modulo bias).
/// </remarks>
internal static class SecretGenerator
{
    /// <summary>The decimal digits.</summary>
    public const string Digits = "0123456789";

    /// <summary>The unambiguous alphanumeric alphabet: no 0/O or 1/I.</summary>
    public const string Alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

    /// <summary>Random bytes in a link token: 256 bits.</summary>
    public const int LinkTokenBytes = 32;

    /// <summary>The number of characters a secret of the given format and length has.</summary>
    public static int GetCharCount(OtpFormat format, int length) =>
        format == OtpFormat.UrlSafeToken ? Base64Url.GetEncodedLength(length) : length;

    /// <summary>Generates a secret.</summary>
    public static string Generate(OtpFormat format, int length)
    {
        switch (format)
        {
            case OtpFormat.Digits:
                return RandomNumberGenerator.GetString(Digits, length);
            case OtpFormat.Alphanumeric:
                return RandomNumberGenerator.GetString(Alphabet, length);
            case OtpFormat.UrlSafeToken:
                var bytes = RandomNumberGenerator.GetBytes(length);
                var token = Base64Url.EncodeToString(bytes);
                CryptographicOperations.ZeroMemory(bytes);
                return token;
            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown OTP format.");
        }
    }

    /// <summary>A link token: 256 random bits, base64url.</summary>
    public static string LinkToken() => Generate(OtpFormat.UrlSafeToken, LinkTokenBytes);

    /// <summary>A new invitation id: time-ordered (RFC 9562 version 7), so database indexes stay compact.</summary>
    public static Guid NewId() => Guid.CreateVersion7();
}
