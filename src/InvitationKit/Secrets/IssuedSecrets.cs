using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace InvitationKit.Secrets;

/// <summary>
/// A freshly issued link secret and, for a new user, one-time password, with their hashes. The plaintexts live in
/// buffers the kit owns, allocated on the pinned heap (so the garbage collector never moves a copy elsewhere), and
/// <see cref="Dispose"/> zeroes them: the owner disposes them once the mailer has had them, or at once when they are
/// never mailed. The only other copies are the strings <see cref="SecretText"/> and <see cref="OtpText"/> make for the
/// mailer, which .NET cannot wipe.
/// </summary>
internal sealed class IssuedSecrets : IDisposable
{
    private readonly char[] _secret;
    private readonly char[]? _otp;
    private readonly Action? _cleared;
    private int _disposed;

    /// <param name="secret">The link secret's buffer; this instance owns and clears it.</param>
    /// <param name="otp">The code's buffer, or null for an existing user; this instance owns and clears it.</param>
    /// <param name="secretHash">The link secret's keyed hash.</param>
    /// <param name="otpHash">The code's keyed hash, or null.</param>
    /// <param name="keyId">The id of the key both hashes were made under.</param>
    /// <param name="cleared">Told once, when the buffers are zeroed.</param>
    public IssuedSecrets(char[] secret, char[]? otp, SecretHash secretHash, SecretHash? otpHash, int keyId, Action? cleared = null)
    {
        _secret = secret;
        _otp = otp;
        SecretHash = secretHash;
        OtpHash = otpHash;
        KeyId = keyId;
        _cleared = cleared;
    }

    public SecretHash SecretHash { get; }

    public SecretHash? OtpHash { get; }

    public int KeyId { get; }

    /// <summary>Whether the plaintexts have been zeroed.</summary>
    public bool IsCleared => Volatile.Read(ref _disposed) != 0;

    /// <summary>The buffers as they are now (zeros once cleared), for tests.</summary>
    internal ReadOnlySpan<char> SecretBuffer => _secret;

    /// <inheritdoc cref="SecretBuffer"/>
    internal ReadOnlySpan<char> OtpBuffer => _otp;

    /// <summary>The link secret as a string, for the mail: a copy the kit cannot wipe.</summary>
    public string SecretText() => new(Live(_secret));

    /// <summary>The one-time password as a string, for the mail (null for an existing user): a copy the kit cannot wipe.</summary>
    public string? OtpText() => _otp is null ? null : new string(Live(_otp));

    /// <summary>Puts the hashes on the invitation (the plaintexts never go to the store).</summary>
    public Invitation ApplyTo(Invitation invitation, NodaTime.Instant issuedAt) => invitation with
    {
        SecretHash = SecretHash,
        OtpHash = OtpHash,
        KeyId = KeyId,
        IssuedAt = issuedAt,
    };

    /// <summary>Zeroes the plaintexts; idempotent.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(_secret.AsSpan()));
        CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(_otp.AsSpan()));
        _cleared?.Invoke();
    }

    private char[] Live(char[] buffer) => IsCleared ? throw new ObjectDisposedException(nameof(IssuedSecrets), "The issued secrets were already cleared.") : buffer;
}
