using System.Collections.Concurrent;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using InvitationKit.Secrets;
using InvitationKit.Tests.Secrets;

namespace InvitationKit.Tests.Properties;

/// <summary>Every secret is well formed and fresh, and many threads drawing at once still get unique, uniform secrets.</summary>
public sealed class SecretGeneratorProperties
{
    private static readonly Gen<(OtpFormat Format, int Length)> Requests =
        Gen.Elements(OtpFormat.Digits, OtpFormat.Alphanumeric, OtpFormat.UrlSafeToken)
            .SelectMany(f => Gen.Choose(f == OtpFormat.UrlSafeToken ? 16 : 6, f == OtpFormat.UrlSafeToken ? 64 : 32).Select(n => (f, n)));

    [Property(MaxTest = 1_000)]
    public Property Any_sequence_of_requests_is_well_formed_and_unique() =>
        Prop.ForAll(Requests.ArrayOf().Where(r => r.Length <= 60).ToArbitrary(), requests =>
        {
            var seen = new HashSet<string>();
            foreach (var (format, length) in requests)
            {
                var secret = SecretGenerator.Generate(format, length);
                var wellFormed = secret.Length == SecretGenerator.GetCharCount(format, length) && secret.All(Alphabet(format).Contains);
                var fresh = format == OtpFormat.Digits && length < 12 || seen.Add(secret);
                if (!wellFormed || !fresh)
                {
                    return false;
                }
            }

            return true;
        });

    [Fact]
    public void Many_threads_drawing_at_once_get_unique_uniform_secrets()
    {
        var tokens = new ConcurrentBag<string>();
        var digits = new ConcurrentBag<string>();
        Parallel.For(0, 16, new ParallelOptions { MaxDegreeOfParallelism = 16 }, _ =>
        {
            for (var i = 0; i < 5000; i++)
            {
                tokens.Add(SecretGenerator.Generate(OtpFormat.UrlSafeToken, 16));
                digits.Add(SecretGenerator.Generate(OtpFormat.Digits, 8));
            }
        });

        Assert.Equal(tokens.Count, tokens.Distinct().Count());
        var counts = SecretGeneratorTests.Count(string.Concat(digits), SecretGenerator.Digits);
        Assert.True(SecretGeneratorTests.ChiSquare(counts) < 42.0, $"chi-square {SecretGeneratorTests.ChiSquare(counts)}");
    }

    private static string Alphabet(OtpFormat format) => format switch
    {
        OtpFormat.Digits => SecretGenerator.Digits,
        OtpFormat.Alphanumeric => SecretGenerator.Alphabet,
        _ => "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_",
    };
}
