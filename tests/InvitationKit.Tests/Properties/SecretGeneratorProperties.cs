using System.Collections.Concurrent;
using FsCheck;
using FsCheck.Fluent;
using InvitationKit.Otp;
using InvitationKit.Tests.Otp;

namespace InvitationKit.Tests.Properties;

/// <summary>
/// The per-thread CSPRNG buffer behind every secret: refills across its boundary, runs dry and refills, wipes what it
/// hands out, and stays correct and uniform when many threads draw at once.
/// </summary>
public sealed class SecretGeneratorProperties
{
    private static readonly Gen<(OtpFormat Format, int Length)> Requests =
        Gen.Elements(OtpFormat.Digits, OtpFormat.Alphanumeric, OtpFormat.UrlSafeToken)
            .SelectMany(f => Gen.Choose(f == OtpFormat.UrlSafeToken ? 16 : 6, f == OtpFormat.UrlSafeToken ? 64 : 32).Select(n => (f, n)));

    [Fact]
    public void Any_sequence_of_requests_crossing_refills_is_well_formed_unique_and_wiped()
    {
        PropertyRunner.Check(Prop.ForAll(Requests.ArrayOf().Where(r => r.Length <= 60).ToArbitrary(), requests =>
        {
            var seen = new HashSet<string>();
            foreach (var (format, length) in requests)
            {
                var secret = SecretGenerator.Generate(format, length);
                var wellFormed = secret.Length == SecretGenerator.GetCharCount(format, length) && secret.All(Alphabet(format).Contains);
                var fresh = format == OtpFormat.Digits && length < 12 || seen.Add(secret);
                if (!wellFormed || !fresh || !SecretGenerator.ConsumedBytesAreWiped())
                {
                    return false;
                }
            }

            return true;
        }));
    }

    [Fact]
    public void Draining_the_buffer_exactly_refills_it_and_keeps_going()
    {
        // 64-byte tokens eat the 512-byte buffer in exactly eight draws; ids take 16; mixing both lands on every offset.
        for (var i = 0; i < 1000; i++)
        {
            Assert.Equal(86, SecretGenerator.Generate(OtpFormat.UrlSafeToken, 64).Length);
            Assert.True(SecretGenerator.BufferedBytes is >= 0 and <= SecretGenerator.BufferSize);
            _ = SecretGenerator.NewGuid();
            Assert.True(SecretGenerator.ConsumedBytesAreWiped());
        }
    }

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

            Assert.True(SecretGenerator.ConsumedBytesAreWiped());
        });

        Assert.Equal(tokens.Count, tokens.Distinct().Count());
        var counts = SecretGeneratorTests.Count(string.Concat(digits), "0123456789");
        Assert.True(SecretGeneratorTests.ChiSquare(counts) < 42.0, $"chi-square {SecretGeneratorTests.ChiSquare(counts)}");
    }

    private static string Alphabet(OtpFormat format) => format switch
    {
        OtpFormat.Digits => "0123456789",
        OtpFormat.Alphanumeric => SecretGenerator.Alphabet,
        _ => "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_",
    };
}
