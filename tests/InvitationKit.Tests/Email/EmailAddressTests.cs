namespace InvitationKit.Tests.Email;

/// <summary>The email value type against the corpus, plus normalization and equality.</summary>
public sealed class EmailAddressTests
{
    public static TheoryData<EmailCorpus.Entry> Corpus()
    {
        var data = new TheoryData<EmailCorpus.Entry>();
        foreach (var entry in EmailCorpus.Entries)
        {
            data.Add(entry);
        }

        return data;
    }

    [Fact]
    public void The_corpus_is_large_and_balanced()
    {
        Assert.True(EmailCorpus.Entries.Count >= 60);
        Assert.True(EmailCorpus.Entries.Count(e => e.Valid) >= 25);
        Assert.True(EmailCorpus.Entries.Count(e => !e.Valid) >= 25);
        Assert.Equal(EmailCorpus.Entries.Count, EmailCorpus.Entries.Select(e => e.Address).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Corpus))]
    public void Every_corpus_address_gets_its_verdict(EmailCorpus.Entry entry)
    {
        Assert.Equal(entry.Valid, EmailAddress.TryParse(entry.Address, out _, out var error));
        Assert.Equal(entry.Valid, error == EmailAddressError.None);
        if (!entry.Address.Any(c => c > 0x7F) || !entry.Valid)
        {
            Assert.Equal(entry.Valid, EmailGrammar.MatchesSyntax(entry.Address));
        }
    }

    [Theory]
    [MemberData(nameof(Corpus))]
    public void The_key_shortcut_agrees_with_parsing(EmailCorpus.Entry entry)
    {
        Assert.Equal(entry.Valid, EmailNormalizer.TryGetKey(entry.Address, out var key));
        if (entry.Valid)
        {
            Assert.Equal(EmailAddress.Parse(entry.Address).Key, key);
        }
    }

    [Fact]
    public void An_already_normalized_ascii_address_is_reused_not_copied()
    {
        const string Text = "alice@example.com";
        var address = EmailAddress.Parse(Text);
        Assert.Same(Text, address.Value);
        Assert.Same(Text, address.Key);
        Assert.True(EmailNormalizer.TryGetKey(Text, out var key));
        Assert.Same(Text, key);
    }

    [Theory]
    [InlineData("Alice@Example.COM", "Alice@example.com", "alice@example.com")]
    [InlineData("alice@example.com", "alice@example.com", "alice@example.com")]
    [InlineData("\"alice\"@example.com", "\"alice\"@example.com", "alice@example.com")]
    [InlineData("\"Al\\ice\"@example.com", "\"Al\\ice\"@example.com", "alice@example.com")]
    [InlineData("\"A B\"@Example.com", "\"A B\"@example.com", "\"a b\"@example.com")]
    [InlineData("user@München.DE", "user@xn--mnchen-3ya.de", "user@xn--mnchen-3ya.de")]
    [InlineData("Pelé@Example.com", "Pelé@example.com", "pelé@example.com")]
    [InlineData("postmaster@[IPv6:2001:DB8::1]", "postmaster@[IPv6:2001:db8::1]", "postmaster@[IPv6:2001:db8::1]")]
    public void Values_and_keys_are_normalized(string input, string value, string key)
    {
        var address = EmailAddress.Parse(input);
        Assert.Equal(value, address.Value);
        Assert.Equal(key, address.Key);
        Assert.Equal(key, EmailAddress.Parse(address.Key).Key);
    }

    [Fact]
    public void The_same_mailbox_is_equal_whatever_the_case()
    {
        var a = EmailAddress.Parse("Alice@Example.COM");
        var b = EmailAddress.Parse("alice@example.com");
        Assert.Equal(a, b);
        Assert.True(a == b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, EmailAddress.Parse("alice@example.org"));
        Assert.Equal("Alice", a.LocalPart);
        Assert.Equal("example.com", a.Domain);
    }

    [Fact]
    public void Parse_reports_why_and_null_is_a_programming_error()
    {
        Assert.Contains("no '@'", Assert.Throws<FormatException>(() => EmailAddress.Parse("nope")).Message);
        Assert.Throws<ArgumentNullException>(() => EmailAddress.Parse(null!));
        Assert.False(EmailAddress.TryParse(null, out _, out var error));
        Assert.Equal(EmailAddressError.Empty, error);
        Assert.Equal(string.Empty, default(EmailAddress).Value);
    }

    [Fact]
    public void Validation_of_huge_input_is_immediate()
    {
        Assert.False(EmailAddress.TryParse(new string('a', 50_000_000), out _, out var error));
        Assert.Equal(EmailAddressError.TooLong, error);
    }
}
