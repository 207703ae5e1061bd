using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using InvitationKit;
using InvitationKit.Otp;

namespace InvitationKit.Benchmarks;

/// <summary>Secret generation against the naive BCL way of drawing the same secret, in one run.</summary>
[MemoryDiagnoser]
public class OtpGenerationBenchmarks
{
    private readonly char[] _digits = new char[6];

    [Benchmark(Baseline = true, Description = "BCL: RandomNumberGenerator.GetInt32(0, 1_000_000).ToString(\"D6\")")]
    public string BclSixDigits() => RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    [Benchmark(Description = "Kit: 6 digits")]
    public string SixDigits() => SecretGenerator.Generate(OtpFormat.Digits, 6);

    [Benchmark(Description = "Kit: 6 digits into a span")]
    public char SixDigitsIntoSpan()
    {
        SecretGenerator.Write(OtpFormat.Digits, 6, _digits);
        return _digits[0];
    }

    [Benchmark(Description = "Kit: 8 unambiguous alphanumerics")]
    public string EightAlphanumerics() => SecretGenerator.Generate(OtpFormat.Alphanumeric, 8);

    [Benchmark(Description = "Kit: 32-byte URL-safe token")]
    public string UrlSafeToken() => SecretGenerator.Generate(OtpFormat.UrlSafeToken, 32);
}
