using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using InvitationKit;
using InvitationKit.Secrets;

namespace InvitationKit.Benchmarks;

/// <summary>Secret generation (RandomNumberGenerator.GetString / GetBytes) against drawing one integer, in one run.</summary>
[MemoryDiagnoser]
public class OtpGenerationBenchmarks
{
    [Benchmark(Baseline = true, Description = "BCL: RandomNumberGenerator.GetInt32(0, 1_000_000).ToString(\"D6\")")]
    public string BclSixDigits() => RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    [Benchmark(Description = "Kit: 6 digits")]
    public string SixDigits() => SecretGenerator.Generate(OtpFormat.Digits, 6);

    [Benchmark(Description = "Kit: 8 unambiguous alphanumerics")]
    public string EightAlphanumerics() => SecretGenerator.Generate(OtpFormat.Alphanumeric, 8);

    [Benchmark(Description = "Kit: 32-byte URL-safe token")]
    public string UrlSafeToken() => SecretGenerator.Generate(OtpFormat.UrlSafeToken, 32);
}
