using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;

namespace InvitationKit.Otp;

/// <summary>
/// Keyed hashing (HMAC-SHA-256 with the host's <see cref="InvitationKitOptions.SecretKey"/>) and constant-time
/// verification of link tokens and one-time passwords.
/// </summary>
/// <remarks>
/// <para>
/// The hashed message is <c>purpose ‖ invitation id ‖ UTF-8(secret)</c>: an OTP is bound to its invitation, a link
/// token (looked up by its hash) to no invitation. Input longer than <see cref="MaxSecretLength"/> is never hashed.
/// </para>
/// <para>
/// Speed: a one-shot <see cref="HMACSHA256.HashData(byte[], byte[])"/> builds and keys a fresh context on every call.
/// Instead the key's HMAC pad blocks are absorbed once (<see cref="HmacSha256Key"/>), which leaves only the message to
/// hash. The precomputed state is immutable, so the hasher is thread-safe and allocation-free.
/// </para>
/// </remarks>
[SkipLocalsInit]
internal sealed class SecretHasher
{
    /// <summary>The longest candidate secret that is hashed; longer input cannot match any issued secret.</summary>
    public const int MaxSecretLength = 128;

    private readonly HmacSha256Key _key;

    public SecretHasher(byte[] key)
    {
        Internal.Preconditions.Check(key.Length >= InvitationKitOptions.MinSecretKeyLength, "The secret key is too short.");
        _key = new HmacSha256Key(key);
    }

    /// <summary>Hashes a secret; returns false (and no hash) when the candidate is empty or too long to be one.</summary>
    public bool TryHash(SecretPurpose purpose, Guid invitationId, ReadOnlySpan<char> secret, out SecretHash hash)
    {
        hash = default;
        if (secret.IsEmpty || secret.Length > MaxSecretLength)
        {
            return false;
        }

        Span<byte> buffer = stackalloc byte[1 + 16 + (MaxSecretLength * 3)];
        var message = buffer[..(17 + Encoding.UTF8.GetMaxByteCount(secret.Length))];
        message[0] = (byte)purpose;
        invitationId.TryWriteBytes(message[1..17]);
        var written = Encoding.UTF8.GetBytes(secret, message[17..]);
        message = message[..(17 + written)];
        Span<byte> digest = stackalloc byte[SecretHash.Size];
        _key.Compute(message, digest);
        hash = new SecretHash(digest);
        CryptographicOperations.ZeroMemory(message);
        return true;
    }

    /// <summary>Hashes a link token (not bound to an invitation, so it can be looked up).</summary>
    public bool TryHashLinkToken(ReadOnlySpan<char> token, out SecretHash hash) =>
        TryHash(SecretPurpose.LinkToken, Guid.Empty, token, out hash);

    /// <summary>Verifies a one-time password for an invitation in constant time with respect to the stored hash.</summary>
    public bool VerifyOtp(Guid invitationId, ReadOnlySpan<char> candidate, in SecretHash expected, OtpFormat format)
    {
        Span<char> normalized = stackalloc char[Math.Min(candidate.Length, MaxSecretLength + 1)];
        var length = NormalizeOtp(candidate, normalized, format);
        return TryHash(SecretPurpose.OneTimePassword, invitationId, normalized[..length], out var actual)
            && actual.FixedTimeEquals(expected);
    }

    /// <summary>Hashes an OTP the kit just generated.</summary>
    public SecretHash HashOtp(Guid invitationId, string otp) =>
        TryHash(SecretPurpose.OneTimePassword, invitationId, otp, out var hash) ? hash : throw new InvalidOperationException("An issued OTP could not be hashed.");

    /// <summary>Hashes a link token the kit just generated.</summary>
    public SecretHash HashLinkToken(string token) =>
        TryHashLinkToken(token, out var hash) ? hash : throw new InvalidOperationException("An issued link token could not be hashed.");

    // People type codes with spaces or dashes, and alphanumeric codes in lower case.
    private static int NormalizeOtp(ReadOnlySpan<char> candidate, Span<char> destination, OtpFormat format)
    {
        var length = 0;
        foreach (var c in candidate)
        {
            if (format != OtpFormat.UrlSafeToken && c is ' ' or '-')
            {
                continue;
            }

            if (length == destination.Length)
            {
                break;
            }

            destination[length++] = format == OtpFormat.Alphanumeric ? char.ToUpperInvariant(c) : c;
        }

        return length;
    }
}
