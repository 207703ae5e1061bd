using System.Buffers.Binary;
using System.Security.Cryptography;

namespace InvitationKit;

/// <summary>
/// The keyed hash (HMAC-SHA-256) of a secret — an invitation link token or a one-time password — as stored at rest.
/// The plaintext is never stored; this value reveals nothing about it without the host's key.
/// </summary>
/// <threadsafety>This type is an immutable value type.</threadsafety>
public readonly struct SecretHash : IEquatable<SecretHash>
{
    /// <summary>The size of a hash in bytes.</summary>
    public const int Size = 32;

    private readonly ulong _a;
    private readonly ulong _b;
    private readonly ulong _c;
    private readonly ulong _d;

    /// <summary>Creates a hash from its 32 bytes (as read back from storage).</summary>
    /// <param name="bytes">Exactly <see cref="Size"/> bytes.</param>
    /// <exception cref="ArgumentException"><paramref name="bytes"/> is not 32 bytes long.</exception>
    public SecretHash(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size)
        {
            throw new ArgumentException($"A secret hash is exactly {Size} bytes; got {bytes.Length}.", nameof(bytes));
        }

        _a = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        _b = BinaryPrimitives.ReadUInt64LittleEndian(bytes[8..]);
        _c = BinaryPrimitives.ReadUInt64LittleEndian(bytes[16..]);
        _d = BinaryPrimitives.ReadUInt64LittleEndian(bytes[24..]);
    }

    /// <summary>Writes the 32 bytes of the hash.</summary>
    /// <param name="destination">At least <see cref="Size"/> bytes.</param>
    public void CopyTo(Span<byte> destination)
    {
        if (destination.Length < Size)
        {
            throw new ArgumentException($"The destination needs {Size} bytes.", nameof(destination));
        }

        BinaryPrimitives.WriteUInt64LittleEndian(destination, _a);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[8..], _b);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[16..], _c);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[24..], _d);
    }

    /// <summary>Returns the 32 bytes of the hash as a new array (for storage).</summary>
    /// <returns>A new array.</returns>
    public byte[] ToArray()
    {
        var bytes = new byte[Size];
        CopyTo(bytes);
        return bytes;
    }

    /// <summary>Compares two hashes in time independent of where they differ.</summary>
    /// <param name="other">The hash to compare with.</param>
    /// <returns>Whether the hashes are equal.</returns>
    public bool FixedTimeEquals(in SecretHash other)
    {
        Span<byte> left = stackalloc byte[Size];
        Span<byte> right = stackalloc byte[Size];
        CopyTo(left);
        other.CopyTo(right);
        return CryptographicOperations.FixedTimeEquals(left, right);
    }

    /// <inheritdoc />
    /// <remarks>Ordinary equality is for lookups by hash; use <see cref="FixedTimeEquals"/> to verify a secret.</remarks>
    public bool Equals(SecretHash other) => _a == other._a && _b == other._b && _c == other._c && _d == other._d;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is SecretHash other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(_a, _b, _c, _d);

    /// <summary>Returns a redacted placeholder: hashes are not printed.</summary>
    /// <returns><c>SecretHash(redacted)</c>.</returns>
    public override string ToString() => "SecretHash(redacted)";

    /// <summary>Whether two hashes are equal.</summary>
    /// <param name="left">The first hash.</param>
    /// <param name="right">The second hash.</param>
    /// <returns>Whether they are equal.</returns>
    public static bool operator ==(SecretHash left, SecretHash right) => left.Equals(right);

    /// <summary>Whether two hashes differ.</summary>
    /// <param name="left">The first hash.</param>
    /// <param name="right">The second hash.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(SecretHash left, SecretHash right) => !left.Equals(right);
}
