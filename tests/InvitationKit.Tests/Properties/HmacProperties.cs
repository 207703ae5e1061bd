using System.Security.Cryptography;
using FsCheck;
using FsCheck.Fluent;
using InvitationKit.Otp;

namespace InvitationKit.Tests.Properties;

/// <summary>The precomputed-key HMAC-SHA-256 is exactly the BCL's, for every key and message length that matters.</summary>
public sealed class HmacProperties
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Matches_the_bcl_for_random_keys_and_messages(bool useNative)
    {
        var bytes = Gen.Choose(0, 255).Select(b => (byte)b);
        var keys = Gen.Choose(1, 200).SelectMany(n => bytes.ArrayOf(n));
        var messages = Gen.Choose(0, 600).SelectMany(n => bytes.ArrayOf(n));
        PropertyRunner.Check(Prop.ForAll(keys.ToArbitrary(), messages.ToArbitrary(), (key, message) =>
        {
            Span<byte> mac = stackalloc byte[32];
            new HmacSha256Key(key, useNative).Compute(message, mac);
            return mac.SequenceEqual(HMACSHA256.HashData(key, message));
        }), cases: 10_000);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Matches_rfc_4231_test_case_2(bool useNative)
    {
        Span<byte> mac = stackalloc byte[32];
        new HmacSha256Key("Jefe"u8, useNative).Compute("what do ya want for nothing?"u8, mac);
        Assert.Equal("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", Convert.ToHexStringLower(mac));
    }

    [Fact]
    public void The_native_path_is_used_where_openssl_offers_it()
    {
        Assert.Equal(NativeSha256.IsAvailable, new HmacSha256Key(new byte[32]).IsNative);
        Assert.False(new HmacSha256Key(new byte[32], useNative: false).IsNative);
        Assert.True(NativeSha256.IsAvailable || !OperatingSystem.IsLinux() || !File.Exists("/usr/lib/x86_64-linux-gnu/libcrypto.so.3"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Every_block_boundary_length_matches_the_bcl(bool useNative)
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var hmac = new HmacSha256Key(key, useNative);
        Span<byte> mac = stackalloc byte[32];
        for (var length = 0; length <= 200; length++)
        {
            var message = RandomNumberGenerator.GetBytes(length);
            hmac.Compute(message, mac);
            Assert.True(mac.SequenceEqual(HMACSHA256.HashData(key, message)), $"length {length}");
        }
    }
}
