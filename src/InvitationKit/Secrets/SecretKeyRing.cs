using System.Buffers.Binary;
using System.Security.Cryptography;

namespace InvitationKit.Secrets;

/// <summary>
/// The keys secrets are hashed under: the current one, which hashes every new secret, and previous ones, which still
/// verify secrets issued before a rotation. Each key is known by a <see cref="KeyId"/> derived from it, stored beside
/// every hash, so a rotation never invalidates an outstanding link or code.
/// </summary>
internal sealed class SecretKeyRing
{
    /// <summary>The key id of rows written before key ids were stored; verified under every key, current first.</summary>
    public const int LegacyKeyId = 0;

    private readonly byte[][] _keys;
    private readonly int[] _ids;

    // Idle keyed HMACs, a few per key, reused: a one-shot HMACSHA256.HashData sets the algorithm and the key up anew on
    // every call, which on OpenSSL 3 costs more than the hash itself (inside an accept about 13 µs, against 6 µs reused).
    private readonly IncrementalHash?[][] _idle;

    public SecretKeyRing(byte[] current, IEnumerable<byte[]>? previous = null)
    {
        ArgumentNullException.ThrowIfNull(current);
        _keys = [(byte[])current.Clone(), .. (previous ?? []).Select(k => (byte[])k.Clone())];
        Internal.Preconditions.Check(_keys.All(k => k.Length >= InvitationKitOptions.MinSecretKeyLength), "Every secret key needs at least 32 bytes.");
        _ids = _keys.Select(KeyId).ToArray();
        Internal.Preconditions.Check(_ids.Distinct().Count() == _ids.Length, "The secret keys must differ from each other.");
        _idle = [.. _keys.Select(_ => new IncrementalHash?[Environment.ProcessorCount])];
    }

    /// <summary>The id of the key that hashes new secrets.</summary>
    public int CurrentKeyId => _ids[0];

    /// <summary>How many keys the ring holds (the current one first).</summary>
    public int Count => _keys.Length;

    /// <summary>The id of the i-th key (0 is the current one).</summary>
    public int IdAt(int index) => _ids[index];

    /// <summary>A key's public id: the first 31 bits of HMAC-SHA-256(key, "InvitationKit key id"), never 0.</summary>
    public static int KeyId(byte[] key)
    {
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(key, "InvitationKit key id"u8, mac);
        var id = BinaryPrimitives.ReadInt32LittleEndian(mac) & int.MaxValue;
        return id == LegacyKeyId ? 1 : id;
    }

    /// <summary>Computes HMAC-SHA-256 of the message under the key with the given id.</summary>
    /// <returns>False when the ring holds no key with that id.</returns>
    public bool TryCompute(int keyId, ReadOnlySpan<byte> message, Span<byte> mac)
    {
        var index = Array.IndexOf(_ids, keyId);
        if (index < 0)
        {
            return false;
        }

        var idle = _idle[index];
        var hmac = Rent(idle) ?? IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _keys[index]);
        hmac.AppendData(message);
        hmac.GetHashAndReset(mac); // back to the keyed state: nothing of the message stays in it
        Return(idle, hmac);
        return true;
    }

    private static IncrementalHash? Rent(IncrementalHash?[] idle)
    {
        for (var i = 0; i < idle.Length; i++)
        {
            if (Interlocked.Exchange(ref idle[i], null) is { } hmac)
            {
                return hmac;
            }
        }

        return null;
    }

    private static void Return(IncrementalHash?[] idle, IncrementalHash hmac)
    {
        for (var i = 0; i < idle.Length; i++)
        {
            if (Interlocked.CompareExchange(ref idle[i], hmac, null) is null)
            {
                return;
            }
        }

        hmac.Dispose();
    }
}
