using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using InvitationKit.Secrets;

namespace InvitationKit.Benchmarks;

/// <summary>
/// Verifying an OTP (right and wrong) against the bare one-shot BCL HMAC plus a constant-time compare, in one run: the
/// kit's overhead over the BCL call it makes (message framing, OTP normalization, wiping).
/// </summary>
[MemoryDiagnoser]
public class SecretVerificationBenchmarks
{
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);
    private readonly Guid _invitation = Guid.NewGuid();
    private byte[] _message = [];
    private byte[] _expected = [];
    private SecretHasher _hasher = null!;
    private SecretHash _hash;

    [GlobalSetup]
    public void Setup()
    {
        _hasher = new SecretHasher(new SecretKeyRing(_key));
        _hash = _hasher.HashOtp(_invitation, "482913");
        _message = [(byte)'O', .. _invitation.ToByteArray(), .. Encoding.UTF8.GetBytes("482913")];
        _expected = HMACSHA256.HashData(_key, _message);
    }

    [Benchmark(Baseline = true, Description = "BCL: HMACSHA256.HashData + FixedTimeEquals")]
    public bool BclOneShot()
    {
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(_key, _message, mac);
        return CryptographicOperations.FixedTimeEquals(mac, _expected);
    }

    [Benchmark(Description = "Kit: verify the right OTP")]
    public bool RightCode() => _hasher.VerifyOtp(_invitation, "482913", _hash, _hasher.CurrentKeyId, OtpFormat.Digits);

    [Benchmark(Description = "Kit: verify a wrong OTP")]
    public bool WrongCode() => _hasher.VerifyOtp(_invitation, "482914", _hash, _hasher.CurrentKeyId, OtpFormat.Digits);

    [Benchmark(Description = "Kit: hash a 43-char link secret for lookup")]
    public int LinkSecret() => _hasher.LinkTokenCandidates("q3J0Zk1xV2FmT3dDbnR4c1Y4aWJ5R0pXZ3RmM2hZQk").Count;
}
