using System.Globalization;
using System.Text;
using InvitationKit.Tests.Infrastructure;

namespace InvitationKit.Tests.Attacks;

/// <summary>Attack 10: one mailbox with two keys, and an address stored that could not be delivered afterwards.</summary>
public sealed class EmailIdentityAttackTests
{
    [Theory]
    [InlineData("nina@example.com\u3002")]
    [InlineData("nina@example.com\uFF0E")]
    [InlineData("nina@example.com\uFF61")]
    [InlineData("user@example.\uFF11\uFF12\uFF13")]
    [InlineData("user@example.\u3164")]
    public void A_domain_that_maps_to_an_invalid_ascii_domain_is_refused(string address)
    {
        Assert.False(EmailAddress.TryParse(address, out _, out var error));
        Assert.Contains(error, new[] { EmailAddressError.InvalidDomain, EmailAddressError.ForbiddenCharacter });
    }

    [Fact]
    public void Every_code_point_mapping_to_an_ascii_digit_or_nothing_in_the_last_label_is_refused_or_valid_again()
    {
        // Whatever IDNA maps a domain to, the parsed address is valid by the ASCII rules: its Value parses again to
        // the same key, so a stored invitation can always be delivered (the previous main threw after storing).
        var refused = 0;
        for (var c = 0x80; c <= 0xFFFF; c++)
        {
            if (c is >= 0xD800 and <= 0xDFFF)
            {
                continue;
            }

            foreach (var address in new[] { $"user@example.{(char)c}", $"user@example.1{(char)c}3", $"user@ex{(char)c}ample.com" })
            {
                if (!EmailAddress.TryParse(address, out var parsed))
                {
                    refused++;
                    continue;
                }

                Assert.True(EmailAddress.TryParse(parsed.Value, out var again), $"U+{c:X4}: '{parsed.Value}' does not parse again");
                Assert.Equal(parsed.Key, again.Key);
            }
        }

        Assert.True(refused > 0);
    }

    [Theory]
    [InlineData(0x3164)]
    [InlineData(0x115F)]
    [InlineData(0xFFA0)]
    [InlineData(0x034F)]
    [InlineData(0xFE0F)]
    [InlineData(0xE0101)]
    [InlineData(0x17B4)]
    [InlineData(0x180B)]
    [InlineData(0x2800)]
    public void An_invisible_code_point_in_the_local_part_is_refused(int codePoint)
    {
        var address = $"alice{char.ConvertFromUtf32(codePoint)}@example.com";
        Assert.False(EmailAddress.TryParse(address, out _, out var error));
        Assert.Equal(EmailAddressError.ForbiddenCharacter, error);
        Assert.False(EmailAddress.TryParse($"\"alice{char.ConvertFromUtf32(codePoint)}\"@example.com", out _));
    }

    [Fact]
    public void No_default_ignorable_code_point_is_accepted_anywhere_in_an_address()
    {
        // The 267 code points the previous main accepted in local parts, among them every variation selector.
        var ignorable = Enumerable.Range(0xFE00, 16).Concat(Enumerable.Range(0xE0100, 240)).Concat([0x3164, 0x034F, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x180B, 0x180C, 0x180D, 0x180F, 0xFFA0]);
        var accepted = ignorable.Where(c => EmailAddress.TryParse($"alice{char.ConvertFromUtf32(c)}@example.com", out _)).Select(c => $"U+{c:X4}").ToArray();
        Assert.Empty(accepted);
    }

    [Theory]
    [InlineData("a@[IPv6:2001:db8::1]", "a@[IPv6:2001:0db8:0000:0000:0000:0000:0000:0001]")]
    [InlineData("a@[IPv6:2001:db8::1]", "a@[IPv6:2001:DB8:0:0:0:0:0:1]")]
    [InlineData("a@[IPv6:2001:db8::1]", "a@[ipv6:2001:db8:0::1]")]
    [InlineData("a@[IPv6:2001:db8:0:1:1:1:1:1]", "a@[IPv6:2001:0db8:0000:0001:0001:0001:0001:0001]")]
    [InlineData("a@[IPv6:2001:0:0:1::1]", "a@[IPv6:2001:0:0:1:0:0:0:1]")]
    public void Ipv6_literals_have_one_key_per_host(string canonical, string spelled)
    {
        var parsed = EmailAddress.Parse(spelled);
        Assert.Equal(canonical, parsed.Key);
        Assert.Equal(EmailAddress.Parse(canonical), parsed);
    }

    [Fact]
    public void Final_sigma_and_sigma_are_one_mailbox()
    {
        Assert.Equal(EmailAddress.Parse("οδυσσεας@example.gr").Key, EmailAddress.Parse("ΟΔΥΣΣΕΑΣ@example.gr").Key);
        Assert.Equal(EmailAddress.Parse("οδυσσεας@example.gr").Key, EmailAddress.Parse("οδυσσεας@example.gr").Key);
    }

    [Fact]
    public async Task A_stored_address_is_never_parsed_again_on_the_way_out()
    {
        await using var kit = await TestKit.CreateAsync();
        var id = await kit.InviteOneAsync("nina@bücher.example");
        (await kit.Manager.ResendAsync(kit.Owner, id)).ShouldSucceed();
        Assert.Equal(2, kit.Mailer.Sent.Count(m => m.Recipient.Key == "nina@xn--bcher-kva.example"));
        Assert.Equal(DeliveryState.Sent, (await kit.Manager.GetAsync(kit.Owner, id)).ShouldSucceed().Delivery);
    }

    [Fact]
    public void The_invisible_set_matches_the_unicode_categories_it_claims()
    {
        // Guard against a typo in the hand-written ranges: each listed code point is a letter, mark, filler or
        // unassigned, never an ordinary visible character that people use in addresses.
        foreach (var c in new[] { 0x3164, 0x115F, 0x1160, 0xFFA0, 0x034F, 0x17B4, 0x2800 })
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            Assert.Contains(category, new[] { UnicodeCategory.OtherLetter, UnicodeCategory.NonSpacingMark, UnicodeCategory.OtherSymbol });
        }

        Assert.True(EmailAddress.TryParse("δοκιμή@παράδειγμα.δοκιμή", out _));
        Assert.True(EmailAddress.TryParse(new StringBuilder("한국어").Append("@example.com").ToString(), out _));
    }
}
