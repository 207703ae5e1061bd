using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;

namespace InvitationKit.Otp;

/// <summary>
/// HMAC-SHA-256 (RFC 2104, FIPS 180-4) under one fixed key, with the key's inner and outer pad blocks absorbed once at
/// construction. Each MAC then costs only the SHA-256 compressions of the message and of the inner digest — no
/// per-call keying. Immutable after construction, hence thread-safe without per-thread state.
/// </summary>
/// <remarks>
/// Why not the BCL: every <see cref="HMACSHA256"/> or <see cref="IncrementalHash"/> call re-keys and crosses into
/// OpenSSL several times, which costs more than hashing a short secret. Where OpenSSL's direct SHA-256 entry points are
/// available (<see cref="NativeSha256"/>: SHA instructions) the precomputed states are OpenSSL contexts; elsewhere
/// they are managed SHA-256 states. Both paths are checked against <see cref="HMACSHA256.HashData(byte[], byte[])"/>
/// by a property test over random keys and messages.
/// </remarks>
[SkipLocalsInit]
internal sealed class HmacSha256Key
{
    public const int MacSize = 32;
    private const int BlockSize = 64;

    private static ReadOnlySpan<uint> RoundConstants =>
    [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ];

    private static ReadOnlySpan<uint> InitialState =>
    [
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
    ];

    private readonly uint[] _inner = new uint[8];
    private readonly uint[] _outer = new uint[8];
    private readonly byte[]? _nativeInner;
    private readonly byte[]? _nativeOuter;

    /// <summary>Precomputes the key's states.</summary>
    /// <param name="key">The HMAC key.</param>
    /// <param name="useNative">Whether to use OpenSSL when it is available (tests turn it off to check the managed path).</param>
    public HmacSha256Key(ReadOnlySpan<byte> key, bool useNative = true)
    {
        Span<byte> block = stackalloc byte[BlockSize];
        block.Clear();
        if (key.Length > BlockSize)
        {
            SHA256.HashData(key, block);
        }
        else
        {
            key.CopyTo(block);
        }

        Span<byte> pad = stackalloc byte[BlockSize];
        if (useNative && NativeSha256.IsAvailable)
        {
            _nativeInner = new byte[NativeSha256.ContextSize];
            _nativeOuter = new byte[NativeSha256.ContextSize];
            NativeSha256.Start(_nativeInner, Xor(block, 0x36, pad));
            NativeSha256.Start(_nativeOuter, Xor(block, 0x5c, pad));
        }
        else
        {
            Absorb(block, 0x36, pad, _inner);
            Absorb(block, 0x5c, pad, _outer);
        }

        CryptographicOperations.ZeroMemory(block);
        CryptographicOperations.ZeroMemory(pad);
    }

    /// <summary>Whether MACs are computed by OpenSSL (SHA instructions) rather than managed code.</summary>
    public bool IsNative => _nativeInner is not null;

    /// <summary>Writes HMAC-SHA-256(key, message) to <paramref name="mac"/> (32 bytes).</summary>
    public void Compute(ReadOnlySpan<byte> message, Span<byte> mac)
    {
        if (_nativeInner is not null)
        {
            ComputeNative(message, mac);
            return;
        }

        Span<uint> state = stackalloc uint[8];
        Span<byte> innerDigest = stackalloc byte[MacSize];
        _inner.CopyTo(state);
        Finish(state, message, BlockSize, innerDigest);
        _outer.CopyTo(state);
        Finish(state, innerDigest, BlockSize, mac);
        CryptographicOperations.ZeroMemory(innerDigest);
    }

    private void ComputeNative(ReadOnlySpan<byte> message, Span<byte> mac)
    {
        Span<byte> context = stackalloc byte[NativeSha256.ContextSize];
        Span<byte> innerDigest = stackalloc byte[MacSize];
        _nativeInner.CopyTo(context);
        NativeSha256.Update(context, message);
        NativeSha256.Final(context, innerDigest);
        _nativeOuter.CopyTo(context);
        NativeSha256.Update(context, innerDigest);
        NativeSha256.Final(context, mac);
        CryptographicOperations.ZeroMemory(context);
        CryptographicOperations.ZeroMemory(innerDigest);
    }

    private static ReadOnlySpan<byte> Xor(ReadOnlySpan<byte> key, byte padByte, Span<byte> pad)
    {
        for (var i = 0; i < BlockSize; i++)
        {
            pad[i] = (byte)(key[i] ^ padByte);
        }

        return pad;
    }

    private static void Absorb(ReadOnlySpan<byte> key, byte padByte, Span<byte> pad, uint[] state)
    {
        InitialState.CopyTo(state);
        Compress(state, Xor(key, padByte, pad));
    }

    // Hashes the rest of a message whose first `prefixLength` bytes are already in `state`, with SHA-256 padding.
    private static void Finish(Span<uint> state, ReadOnlySpan<byte> data, int prefixLength, Span<byte> digest)
    {
        var totalBits = (ulong)(prefixLength + data.Length) * 8;
        while (data.Length >= BlockSize)
        {
            Compress(state, data[..BlockSize]);
            data = data[BlockSize..];
        }

        Span<byte> tail = stackalloc byte[BlockSize * 2];
        tail.Clear();
        data.CopyTo(tail);
        tail[data.Length] = 0x80;
        var tailLength = data.Length + 9 <= BlockSize ? BlockSize : BlockSize * 2;
        BinaryPrimitives.WriteUInt64BigEndian(tail[(tailLength - 8)..], totalBits);
        Compress(state, tail[..BlockSize]);
        if (tailLength > BlockSize)
        {
            Compress(state, tail[BlockSize..]);
        }

        for (var i = 0; i < 8; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(digest[(i * 4)..], state[i]);
        }
    }

    private static void Compress(Span<uint> state, ReadOnlySpan<byte> block)
    {
        Span<uint> w = stackalloc uint[64];
        for (var i = 0; i < 16; i++)
        {
            w[i] = BinaryPrimitives.ReadUInt32BigEndian(block[(i * 4)..]);
        }

        for (var i = 16; i < 64; i++)
        {
            var s0 = BitOperations.RotateRight(w[i - 15], 7) ^ BitOperations.RotateRight(w[i - 15], 18) ^ (w[i - 15] >> 3);
            var s1 = BitOperations.RotateRight(w[i - 2], 17) ^ BitOperations.RotateRight(w[i - 2], 19) ^ (w[i - 2] >> 10);
            w[i] = w[i - 16] + s0 + w[i - 7] + s1;
        }

        uint a = state[0], b = state[1], c = state[2], d = state[3], e = state[4], f = state[5], g = state[6], h = state[7];
        var k = RoundConstants;
        for (var i = 0; i < 64; i++)
        {
            var sum1 = BitOperations.RotateRight(e, 6) ^ BitOperations.RotateRight(e, 11) ^ BitOperations.RotateRight(e, 25);
            var choose = (e & f) ^ (~e & g);
            var t1 = h + sum1 + choose + k[i] + w[i];
            var sum0 = BitOperations.RotateRight(a, 2) ^ BitOperations.RotateRight(a, 13) ^ BitOperations.RotateRight(a, 22);
            var majority = (a & b) ^ (a & c) ^ (b & c);
            h = g;
            g = f;
            f = e;
            e = d + t1;
            d = c;
            c = b;
            b = a;
            a = t1 + sum0 + majority;
        }

        state[0] += a;
        state[1] += b;
        state[2] += c;
        state[3] += d;
        state[4] += e;
        state[5] += f;
        state[6] += g;
        state[7] += h;
    }
}
