using System.Net.Mail;
using BenchmarkDotNet.Attributes;

namespace InvitationKit.Benchmarks;

/// <summary>
/// Turning ASCII addresses (mixed case, as people type them) into matching keys (<see cref="EmailNormalizer.TryGetKey"/>),
/// against checking their syntax only (<see cref="EmailGrammar.MatchesSyntax"/>) and against the naive BCL way
/// (<c>MailAddress</c> then <c>ToLowerInvariant</c>), in one run.
/// </summary>
[MemoryDiagnoser]
public class EmailNormalizationBenchmarks
{
    private static readonly string[] Addresses =
    [
        "Alice.Smith@Example.COM", "bob@example.com", "Carol+invites@Mail.Example.org", "DAVE@EXAMPLE.NET",
        "erin_o'neil@sub.example.co.uk", "Frank-Lee@Example-Corp.com", "grace@EXAMPLE.io", "heidi.k@example.com",
    ];

    [Benchmark(Baseline = true, OperationsPerInvoke = 8, Description = "BCL: MailAddress.TryCreate + ToLowerInvariant")]
    public int BclNormalize()
    {
        var length = 0;
        foreach (var address in Addresses)
        {
            length += MailAddress.TryCreate(address, out var parsed) ? parsed.Address.ToLowerInvariant().Length : 0;
        }

        return length;
    }

    [Benchmark(OperationsPerInvoke = 8, Description = "Kit: MatchesSyntax (syntax only)")]
    public int KitValidate()
    {
        var valid = 0;
        foreach (var address in Addresses)
        {
            valid += EmailGrammar.MatchesSyntax(address) ? 1 : 0;
        }

        return valid;
    }

    [Benchmark(OperationsPerInvoke = 8, Description = "Kit: TryGetKey (validate + key)")]
    public int KitKey()
    {
        var length = 0;
        foreach (var address in Addresses)
        {
            length += EmailNormalizer.TryGetKey(address, out var key) ? key.Length : 0;
        }

        return length;
    }

    [Benchmark(OperationsPerInvoke = 8, Description = "Kit: Parse (value + key)")]
    public int KitParse()
    {
        var length = 0;
        foreach (var address in Addresses)
        {
            length += EmailAddress.Parse(address).Key.Length;
        }

        return length;
    }
}
