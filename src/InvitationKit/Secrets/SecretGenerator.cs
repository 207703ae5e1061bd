using System.Buffers.Text;
using System.Security.Cryptography;

namespace InvitationKit.Secrets;

/// <summary>Draws one-time passwords, link tokens and invitation ids from the BCL's CSPRNG.</summary>
/// <remarks>
/// Nothing random is buffered: every secret comes from <see cref="RandomNumberGenerator"/> when it is needed, so no
/// future secret ever sits in memory (a heap dump or a process snapshot cannot reveal or duplicate one).
/// <see cref="RandomNumberGenerator.GetItems{T}(ReadOnlySpan{T}, Span{T})"/> draws each character uniformly (no modulo bias).
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

    /// <summary>Generates a secret as a string (the kit itself fills buffers it clears: <see cref="Fill"/>).</summary>
    public static string Generate(OtpFormat format, int length) =>
        string.Create(GetCharCount(format, length), (format, length), static (chars, s) => Fill(s.format, s.length, chars));

    /// <summary>Fills <paramref name="destination"/> (exactly <see cref="GetCharCount"/> characters) with a fresh secret.</summary>
    public static void Fill(OtpFormat format, int length, Span<char> destination)
    {
        switch (format)
        {
            case OtpFormat.Digits:
                RandomNumberGenerator.GetItems(Digits, destination[..length]);
                break;
            case OtpFormat.Alphanumeric:
                RandomNumberGenerator.GetItems(Alphabet, destination[..length]);
                break;
            case OtpFormat.UrlSafeToken:
                Span<byte> bytes = stackalloc byte[length];
                RandomNumberGenerator.Fill(bytes);
                Base64Url.EncodeToChars(bytes, destination);
                CryptographicOperations.ZeroMemory(bytes);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown OTP format.");
        }
    }

    /// <summary>
    /// A buffer for a secret of the given format and length, on the pinned heap: the garbage collector never moves it,
    /// so zeroing it leaves no copy behind.
    /// </summary>
    public static char[] NewBuffer(OtpFormat format, int length) => GC.AllocateArray<char>(GetCharCount(format, length), pinned: true);

    /// <summary>A new invitation id: time-ordered (RFC 9562 version 7), so database indexes stay compact.</summary>
    public static Guid NewId() => Guid.CreateVersion7();
}
