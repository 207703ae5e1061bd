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

    public SecretKeyRing(byte[] current, IEnumerable<byte[]>? previous = null)
    {
        ArgumentNullException.ThrowIfNull(current);
        _keys = [(byte[])current.Clone(), .. (previous ?? []).Select(k => (byte[])k.Clone())];
        Internal.Preconditions.Check(_keys.All(k => k.Length >= InvitationKitOptions.MinSecretKeyLength), "Every secret key needs at least 32 bytes.");
        _ids = _keys.Select(KeyId).ToArray();
        Internal.Preconditions.Check(_ids.Distinct().Count() == _ids.Length, "The secret keys must differ from each other.");
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

        HMACSHA256.HashData(_keys[index], message, mac);
        return true;
    }
}
