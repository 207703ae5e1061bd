using System.Security.Cryptography;
using System.Text;

namespace InvitationKit.Secrets;

/// <summary>
/// Keyed hashing (HMAC-SHA-256 under the <see cref="SecretKeyRing"/>) and constant-time verification of link tokens and
/// one-time passwords, with the BCL's <see cref="HMACSHA256"/> only.
/// </summary>
/// <remarks>
/// The hashed message is <c>purpose ‖ invitation id ‖ UTF-8(secret)</c>: an OTP is bound to its invitation, a link
/// token (looked up by its hash) to no invitation. Input longer than <see cref="MaxSecretLength"/> is never hashed: it
/// cannot be an issued secret, and refusing it keeps hostile input from costing anything.
/// </remarks>
internal sealed class SecretHasher
{
    /// <summary>The longest candidate secret that is hashed; longer input cannot match any issued secret.</summary>
    public const int MaxSecretLength = 128;

    private const int HeaderLength = 1 + 16;

    private readonly SecretKeyRing _keys;

    public SecretHasher(SecretKeyRing keys) => _keys = keys;

    /// <summary>The id of the key that hashes new secrets; stored beside the hashes it makes.</summary>
    public int CurrentKeyId => _keys.CurrentKeyId;

    /// <summary>Hashes a link token the kit just generated, under the current key.</summary>
    public SecretHash HashLinkToken(ReadOnlySpan<char> token) =>
        TryHash(_keys.CurrentKeyId, SecretPurpose.LinkToken, Guid.Empty, token, out var hash) ? hash : throw new InvalidOperationException("An issued link token could not be hashed.");

    /// <summary>Hashes an OTP the kit just generated, under the current key.</summary>
    public SecretHash HashOtp(Guid invitationId, ReadOnlySpan<char> otp) =>
        TryHash(_keys.CurrentKeyId, SecretPurpose.OneTimePassword, invitationId, otp, out var hash) ? hash : throw new InvalidOperationException("An issued OTP could not be hashed.");

    /// <summary>
    /// The hashes a presented link token would have under each key, current key first; empty when the candidate is
    /// empty or too long to be a token.
    /// </summary>
    public IReadOnlyList<SecretHash> LinkTokenCandidates(string candidate)
    {
        var hashes = new List<SecretHash>(_keys.Count);
        for (var i = 0; i < _keys.Count; i++)
        {
            if (TryHash(_keys.IdAt(i), SecretPurpose.LinkToken, Guid.Empty, candidate, out var hash))
            {
                hashes.Add(hash);
            }
        }

        return hashes;
    }

    /// <summary>Verifies a one-time password in constant time with respect to the stored hash, under the key it was made with.</summary>
    public bool VerifyOtp(Guid invitationId, ReadOnlySpan<char> candidate, in SecretHash expected, int keyId, OtpFormat format)
    {
        Span<char> normalized = stackalloc char[Math.Min(candidate.Length, MaxSecretLength + 1)];
        var length = NormalizeOtp(candidate, normalized, format);
        var matched = false;
        for (var i = 0; i < _keys.Count; i++)
        {
            // A legacy row (no key id) is checked under every key; any other only under its own.
            var id = _keys.IdAt(i);
            if (keyId == SecretKeyRing.LegacyKeyId || keyId == id)
            {
                matched |= TryHash(id, SecretPurpose.OneTimePassword, invitationId, normalized[..length], out var actual) && actual.FixedTimeEquals(expected);
            }
        }

        return matched;
    }

    /// <summary>
    /// Names an activation attempt in the failure budget (rule 11): the keyed hash of the email key and the presented code
    /// (normalized as <see cref="VerifyOtp"/> compares it, so "123 456" and "123456" are one attempt), under the current
    /// key. Stored by the budget, it reveals nothing about the code without the host's key. The candidate is at most
    /// <see cref="MaxSecretLength"/> characters (longer input is refused before).
    /// </summary>
    public OtpAttempt HashOtpAttempt(string emailKey, ReadOnlySpan<char> candidate, OtpFormat format)
    {
        ArgumentNullException.ThrowIfNull(emailKey);
        Span<char> normalized = stackalloc char[Math.Min(candidate.Length, MaxSecretLength + 1)];
        var length = NormalizeOtp(candidate, normalized, format);

        // purpose ‖ length of the key's UTF-8 (4 bytes) ‖ UTF-8(email key) ‖ UTF-8(code): the length keeps the split unambiguous.
        var keyLength = Encoding.UTF8.GetByteCount(emailKey);
        var message = new byte[1 + sizeof(int) + keyLength + Encoding.UTF8.GetMaxByteCount(length)];
        message[0] = (byte)SecretPurpose.OtpAttempt;
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(message.AsSpan(1), keyLength);
        var used = 1 + sizeof(int) + Encoding.UTF8.GetBytes(emailKey, message.AsSpan(1 + sizeof(int)));
        used += Encoding.UTF8.GetBytes(normalized[..length], message.AsSpan(used));
        Span<byte> digest = stackalloc byte[SecretHash.Size];
        var known = _keys.TryCompute(_keys.CurrentKeyId, message.AsSpan(0, used), digest);
        CryptographicOperations.ZeroMemory(message);
        CryptographicOperations.ZeroMemory(System.Runtime.InteropServices.MemoryMarshal.AsBytes(normalized));
        if (!known)
        {
            throw new InvalidOperationException("The current key could not hash an activation attempt.");
        }

        var hash = new SecretHash(digest);
        CryptographicOperations.ZeroMemory(digest);
        return new OtpAttempt(emailKey, hash);
    }

    /// <summary>
    /// The partition of a recipient in the mail throttle (<see cref="Limits.RateLimitedOperation.MailByRecipient"/>): the
    /// keyed hash of the address key under the current key, so no limiter, in process or distributed, holds an address.
    /// </summary>
    public string RecipientPartition(string emailKey)
    {
        ArgumentNullException.ThrowIfNull(emailKey);
        var message = new byte[1 + Encoding.UTF8.GetByteCount(emailKey)];
        message[0] = (byte)SecretPurpose.RecipientPartition;
        Encoding.UTF8.GetBytes(emailKey, message.AsSpan(1));
        Span<byte> digest = stackalloc byte[SecretHash.Size];
        if (!_keys.TryCompute(_keys.CurrentKeyId, message, digest))
        {
            throw new InvalidOperationException("The current key could not hash a recipient.");
        }

        return Convert.ToBase64String(digest);
    }

    private bool TryHash(int keyId, SecretPurpose purpose, Guid invitationId, ReadOnlySpan<char> secret, out SecretHash hash)
    {
        hash = default;
        if (secret.IsEmpty || secret.Length > MaxSecretLength)
        {
            return false;
        }

        Span<byte> message = stackalloc byte[HeaderLength + Encoding.UTF8.GetMaxByteCount(MaxSecretLength)];
        message[0] = (byte)purpose;
        invitationId.TryWriteBytes(message[1..HeaderLength]);
        var length = HeaderLength + Encoding.UTF8.GetBytes(secret, message[HeaderLength..]);
        Span<byte> digest = stackalloc byte[SecretHash.Size];
        var known = _keys.TryCompute(keyId, message[..length], digest);
        CryptographicOperations.ZeroMemory(message);
        if (known)
        {
            hash = new SecretHash(digest);
        }

        CryptographicOperations.ZeroMemory(digest);
        return known;
    }

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
