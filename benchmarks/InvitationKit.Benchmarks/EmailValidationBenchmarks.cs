using System.Net.Mail;
using System.Text.RegularExpressions;
using BenchmarkDotNet.Attributes;
using InvitationKit.Tests.Email;

namespace InvitationKit.Benchmarks;

/// <summary>
/// Validating every address of the test corpus (per-address figures), against <see cref="MailAddress.TryCreate(string, out MailAddress)"/>
/// and the compiled WHATWG (HTML5 <c>input type=email</c>) regex, in one run. Only the kit is correct on the whole corpus.
/// The kit's entry is its syntax check (<see cref="EmailGrammar.MatchesSyntax"/>), which does not allocate: it skips the
/// IDNA mapping and the UTF-8 length that <see cref="EmailAddress.TryParse(string?, out EmailAddress)"/> adds for
/// non-ASCII addresses.
/// </summary>
[MemoryDiagnoser]
public class EmailValidationBenchmarks
{
    private static readonly string[] Corpus = EmailCorpus.Entries.Select(e => e.Address).ToArray();
    private static readonly Regex Whatwg = new(
        "^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$",
        RegexOptions.Compiled | RegexOptions.CultureInvariant);

    /// <summary>The corpus size, a constant because OperationsPerInvoke needs one; checked at setup.</summary>
    private const int CorpusLength = 88;

    [GlobalSetup]
    public void CheckCorpus()
    {
        if (Corpus.Length != CorpusLength)
        {
            throw new InvalidOperationException($"The corpus has {Corpus.Length} addresses; update CorpusLength.");
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = CorpusLength, Description = "BCL: MailAddress.TryCreate")]
    public int MailAddressTryCreate()
    {
        var valid = 0;
        foreach (var address in Corpus)
        {
            valid += MailAddress.TryCreate(address, out _) ? 1 : 0;
        }

        return valid;
    }

    [Benchmark(OperationsPerInvoke = CorpusLength, Description = "BCL: compiled WHATWG regex")]
    public int WhatwgRegex()
    {
        var valid = 0;
        foreach (var address in Corpus)
        {
            valid += Whatwg.IsMatch(address) ? 1 : 0;
        }

        return valid;
    }

    [Benchmark(OperationsPerInvoke = CorpusLength, Description = "Kit: EmailGrammar.MatchesSyntax (syntax only)")]
    public int KitMatchesSyntax()
    {
        var valid = 0;
        foreach (var address in Corpus)
        {
            valid += EmailGrammar.MatchesSyntax(address) ? 1 : 0;
        }

        return valid;
    }
}
