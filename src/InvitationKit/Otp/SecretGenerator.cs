using System.Buffers.Text;
using System.Security.Cryptography;

namespace InvitationKit.Otp;

/// <summary>
/// Draws one-time passwords and link tokens uniformly from the OS CSPRNG.
/// </summary>
/// <remarks>
/// The cost of a secret is the random call, not the arithmetic, so each thread keeps a buffer that is refilled from
/// <see cref="RandomNumberGenerator"/> in bulk. Every byte is used at most once and wiped as it is consumed; digits
/// use rejection sampling (bytes ≥ 250 are discarded) so there is no modulo bias; the 32-character alphabet divides
/// 256 exactly.
/// </remarks>
internal static class SecretGenerator
{
    /// <summary>The unambiguous alphanumeric alphabet: no 0/O or 1/I.</summary>
    public const string Alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

    /// <summary>Random bytes in a link token: 256 bits.</summary>
    public const int LinkTokenBytes = 32;

    internal const int BufferSize = 512;

    [ThreadStatic]
    private static byte[]? t_buffer;

    [ThreadStatic]
    private static int t_position;

    /// <summary>The number of characters a secret of the given format and length has.</summary>
    public static int GetCharCount(OtpFormat format, int length) =>
        format == OtpFormat.UrlSafeToken ? Base64Url.GetEncodedLength(length) : length;

    /// <summary>Generates a secret as a new string.</summary>
    public static string Generate(OtpFormat format, int length) =>
        string.Create(GetCharCount(format, length), (format, length), static (span, state) => Write(state.format, state.length, span));

    /// <summary>Writes a secret into <paramref name="destination"/>, which must be exactly <see cref="GetCharCount"/> long.</summary>
    public static void Write(OtpFormat format, int length, Span<char> destination)
    {
        switch (format)
        {
            case OtpFormat.Digits:
                for (var i = 0; i < destination.Length; i++)
                {
                    byte b;
                    do
                    {
                        b = NextByte();
                    }
                    while (b >= 250);

                    destination[i] = (char)('0' + (b % 10));
                }

                break;
            case OtpFormat.Alphanumeric:
                for (var i = 0; i < destination.Length; i++)
                {
                    destination[i] = Alphabet[NextByte() & 31];
                }

                break;
            case OtpFormat.UrlSafeToken:
                Span<byte> bytes = stackalloc byte[length];
                NextBytes(bytes);
                Base64Url.EncodeToChars(bytes, destination);
                CryptographicOperations.ZeroMemory(bytes);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown OTP format.");
        }
    }

    /// <summary>
    /// A random (version 4, RFC 9562) GUID from the same buffer: <see cref="Guid.NewGuid"/> makes a system call per id,
    /// which costs more than everything else an invitation needs.
    /// </summary>
    public static Guid NewGuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40); // version 4 (high nibble of the little-endian third field)
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 4122/9562 variant
        return new Guid(bytes);
    }

    /// <summary>For tests: whether every byte this thread has consumed from its buffer since the last refill is zero.</summary>
    internal static bool ConsumedBytesAreWiped() => t_buffer is null || t_buffer.AsSpan(0, t_position).IndexOfAnyExcept((byte)0) < 0;

    /// <summary>For tests: how many unused random bytes this thread's buffer holds.</summary>
    internal static int BufferedBytes => t_buffer is null ? 0 : BufferSize - t_position;

    private static byte NextByte()
    {
        var buffer = t_buffer ??= NewBuffer();
        if (t_position == BufferSize)
        {
            RandomNumberGenerator.Fill(buffer);
            t_position = 0;
        }

        var b = buffer[t_position];
        buffer[t_position++] = 0;
        return b;
    }

    private static void NextBytes(Span<byte> destination)
    {
        var buffer = t_buffer ??= NewBuffer();
        while (!destination.IsEmpty)
        {
            if (t_position == BufferSize)
            {
                RandomNumberGenerator.Fill(buffer);
                t_position = 0;
            }

            var take = Math.Min(destination.Length, BufferSize - t_position);
            var source = buffer.AsSpan(t_position, take);
            source.CopyTo(destination);
            CryptographicOperations.ZeroMemory(source);
            t_position += take;
            destination = destination[take..];
        }
    }

    private static byte[] NewBuffer()
    {
        var buffer = GC.AllocateUninitializedArray<byte>(BufferSize, pinned: true);
        RandomNumberGenerator.Fill(buffer);
        t_position = 0;
        return buffer;
    }
}
