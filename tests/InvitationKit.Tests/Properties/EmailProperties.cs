using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace InvitationKit.Tests.Properties;

/// <summary>SPEC §5: email normalization is idempotent; equal keys ⇔ same mailbox under the chosen comparison.</summary>
public sealed class EmailProperties
{
    [Property(MaxTest = 1_000)]
    public Property Normalization_is_idempotent() =>
        Prop.ForAll(Arbitraries.Address(), generated =>
        {
            var address = EmailAddress.Parse(generated.Text);
            var again = EmailAddress.Parse(address.Value);
            var ofKey = EmailAddress.Parse(address.Key);
            return again.Key == address.Key && again.Value == address.Value && ofKey.Key == address.Key && ofKey.Value == address.Key
                && EmailNormalizer.TryGetKey(generated.Text, out var key) && key == address.Key;
        });

    [Property(MaxTest = 1_000)]
    public Property Case_changes_keep_the_mailbox() =>
        Prop.ForAll(Arbitraries.Address(), Arbitraries.Seeds(), (generated, seed) =>
        {
            var random = new Random(seed);
            var shuffled = new string(generated.Text.Select(c => random.Next(2) == 0 ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c)).ToArray());
            return EmailAddress.Parse(shuffled) == EmailAddress.Parse(generated.Text);
        });

    [Property(MaxTest = 1_000)]
    public Property Equal_keys_exactly_when_the_mailboxes_are_the_same() =>
        Prop.ForAll(Arbitraries.Address(), Arbitraries.Address(), (a, b) =>
        {
            var sameMailbox = a.Mailbox == b.Mailbox;
            return (EmailAddress.Parse(a.Text).Key == EmailAddress.Parse(b.Text).Key) == sameMailbox;
        });

    [Property(MaxTest = 1_000)]
    public Property Quoting_an_atom_is_the_same_mailbox() =>
        Prop.ForAll(Arbitraries.Address().Filter(a => !a.Text.StartsWith('"')), generated =>
        {
            var at = generated.Text.LastIndexOf('@');
            var quoted = $"\"{generated.Text[..at]}\"{generated.Text[at..]}";
            return EmailAddress.Parse(quoted) == EmailAddress.Parse(generated.Text);
        });

    [Property(MaxTest = 10_000)]
    public Property Surrounding_whitespace_is_trimmed_to_the_bare_address() =>
        Prop.ForAll(Arbitraries.Address(), Arbitraries.Whitespace(), Arbitraries.Whitespace(), (generated, before, after) =>
        {
            var padded = before + generated.Text + after;
            var bare = EmailAddress.Parse(generated.Text);
            if (!EmailAddress.TryParse(padded, out var address, out var error))
            {
                return false.Label($"refused as {error}");
            }

            return (address.Value == bare.Value && address.Key == bare.Key && address == bare).Label("the bare address")
                .And((!char.IsWhiteSpace(address.Value[0]) && !char.IsWhiteSpace(address.Value[^1])).Label("no whitespace around the value"))
                .And((EmailNormalizer.TryGetKey(padded, out var key) && key == bare.Key).Label("the key shortcut agrees"))
                .And(EmailGrammar.MatchesSyntax(padded).Label("the syntax check agrees"));
        });

    [Property(MaxTest = 5_000)]
    public Property Arbitrary_input_never_throws_and_accepted_values_hold_no_control_characters() =>
        Prop.ForAll(Arbitraries.HostileText(), text =>
        {
            if (!EmailAddress.TryParse(text, out var address))
            {
                return true;
            }

            return !address.Value.Any(c => char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format)
                && address.Value.Length <= EmailAddress.MaxLength
                && !char.IsWhiteSpace(address.Value[0]) && !char.IsWhiteSpace(address.Value[^1])
                && EmailGrammar.MatchesSyntax(text);
        });

    /// <summary>An address as generated, with its mailbox computed independently of the code under test.</summary>
    public sealed record GeneratedAddress(string Text, (string Local, string Domain) Mailbox)
    {
        public override string ToString() => Text;
    }

    internal static class Arbitraries
    {
        private const string Atext = "abcxyzABCXYZ0189!#$%&'*+-/=?^_`{|}~éüßδ用";
        private const string Qtext = "abcXYZ09 .,:;<>()[]@é\"\\";
        private static readonly IdnMapping Idn = new();

        public static Arbitrary<int> Seeds() => Gen.Choose(0, int.MaxValue).ToArbitrary();

        public static Arbitrary<GeneratedAddress> Address()
        {
            var atom = Gen.Elements(Atext.ToCharArray()).ArrayOf().Where(a => a.Length is > 0 and <= 6).Select(a => new string(a));
            var dotAtom = atom.ArrayOf().Where(a => a.Length is > 0 and <= 3).Select(a => string.Join('.', a));
            var quotedContent = Gen.Elements(Qtext.ToCharArray()).ArrayOf().Where(a => a.Length <= 8).Select(a => new string(a));
            var local = Gen.OneOf(
                dotAtom.Select(a => (Text: a, Content: a)),
                quotedContent.Select(c => (Text: "\"" + c.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"", Content: c)));
            var label = Gen.Elements("ab", "Mail", "x1", "münchen", "例子", "sub-domain", "EXAMPLE", "test");
            var tld = Gen.Elements("com", "ORG", "de", "рф", "io");
            var domain = label.ArrayOf().Where(l => l.Length is > 0 and <= 2).SelectMany(labels => tld.Select(t => string.Join('.', labels.Append(t))));
            return local.SelectMany(l => domain.Select(d => new GeneratedAddress(
                    $"{l.Text}@{d}",
                    (l.Content.ToLowerInvariant().Normalize(NormalizationForm.FormC), Idn.GetAscii(d).ToLowerInvariant()))))
                .ToArbitrary();
        }

        /// <summary>
        /// Whitespace to paste around an address: any mix of Unicode's White_Space characters, usually a few, sometimes
        /// hundreds (so the padded text is far longer than <see cref="EmailAddress.MaxLength"/>).
        /// </summary>
        public static Arbitrary<string> Whitespace()
        {
            var white = Gen.Elements(" \t\n\v\f\r\u0085\u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000".ToCharArray());
            var length = Gen.Frequency((6, Gen.Choose(0, 4)), (3, Gen.Choose(5, 20)), (1, Gen.Choose(250, 400)));
            return length.SelectMany(n => white.ArrayOf(n)).Select(a => new string(a)).ToArbitrary();
        }

        public static Arbitrary<string> HostileText()
        {
            var pieces = Gen.Elements("a", "B", "@", ".", "\"", "\\", " ", "\r", "\n", "\0", "\u202E", "\u200B", "é", "例", "[", "]", "IPv6:", "::1", "1.2.3.4", "-", "\uD800", "<", ">", "(", ")", "com", "xn--");
            return pieces.ArrayOf().Where(a => a.Length <= 30).Select(a => string.Concat(a)).ToArbitrary();
        }
    }
}
