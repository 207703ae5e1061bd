using InvitationKit.Secrets;

namespace InvitationKit.Tests.Secrets;

/// <summary>Rule 11: secrets are drawn uniformly (no modulo bias) from the right alphabet.</summary>
public sealed class SecretGeneratorTests
{
    // Chi-square critical values at p = 1e-6 (a correct generator fails about once in a million runs).
    private const double Critical9 = 42.0;
    private const double Critical31 = 83.0;
    private const double Critical63 = 127.0;

    [Fact]
    public void Digits_are_uniform_so_modulo_bias_would_be_caught()
    {
        var counts = Count(SecretGenerator.Generate(OtpFormat.Digits, 1_000_000), "0123456789");
        Assert.True(ChiSquare(counts) < Critical9, $"chi-square {ChiSquare(counts)}");

        // A naive 'byte % 10' skews 0–5 by 4 %: the same statistic rejects it by a wide margin.
        var biased = new long[10];
        var bytes = System.Security.Cryptography.RandomNumberGenerator.GetBytes(1_000_000);
        foreach (var b in bytes)
        {
            biased[b % 10]++;
        }

        Assert.True(ChiSquare(biased) > Critical9 * 3, $"chi-square {ChiSquare(biased)}");
    }

    [Fact]
    public void Alphanumeric_codes_are_uniform_over_the_unambiguous_alphabet()
    {
        Assert.Equal(32, SecretGenerator.Alphabet.Length);
        Assert.DoesNotContain('0', SecretGenerator.Alphabet);
        Assert.DoesNotContain('O', SecretGenerator.Alphabet);
        Assert.DoesNotContain('1', SecretGenerator.Alphabet);
        Assert.DoesNotContain('I', SecretGenerator.Alphabet);
        var counts = Count(SecretGenerator.Generate(OtpFormat.Alphanumeric, 1_000_000), SecretGenerator.Alphabet);
        Assert.True(ChiSquare(counts) < Critical31, $"chi-square {ChiSquare(counts)}");
    }

    [Fact]
    public void Tokens_are_uniform_base64url()
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        var text = string.Concat(Enumerable.Range(0, 20_000).Select(_ => SecretGenerator.Generate(OtpFormat.UrlSafeToken, 48)));
        var counts = Count(text, Alphabet);
        Assert.True(ChiSquare(counts) < Critical63, $"chi-square {ChiSquare(counts)}");
        Assert.Equal(43, SecretGenerator.Generate(OtpFormat.UrlSafeToken, SecretGenerator.LinkTokenBytes).Length);
    }

    [Fact]
    public void Secrets_do_not_repeat()
    {
        var tokens = Enumerable.Range(0, 100_000).Select(_ => SecretGenerator.Generate(OtpFormat.UrlSafeToken, 16)).ToHashSet();
        Assert.Equal(100_000, tokens.Count);
    }

    [Fact]
    public void Invitation_ids_are_unique_version_7_guids()
    {
        var ids = Enumerable.Range(0, 100_000).Select(_ => SecretGenerator.NewId()).ToArray();
        Assert.Equal(ids.Length, ids.Distinct().Count());
        Assert.All(ids.Take(1000), id => Assert.Equal(7, id.Version));
        Assert.All(ids.Take(1000), id => Assert.Equal(0b10, id.Variant >> 2));
    }

    internal static long[] Count(string text, string alphabet)
    {
        var counts = new long[alphabet.Length];
        foreach (var c in text)
        {
            var index = alphabet.IndexOf(c, StringComparison.Ordinal);
            Assert.True(index >= 0, $"'{c}' is outside the alphabet");
            counts[index]++;
        }

        return counts;
    }

    internal static double ChiSquare(long[] counts)
    {
        var expected = counts.Sum() / (double)counts.Length;
        return counts.Sum(c => (c - expected) * (c - expected) / expected);
    }
}
