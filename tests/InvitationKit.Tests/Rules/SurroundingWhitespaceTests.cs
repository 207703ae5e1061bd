using InvitationKit.Tests.Infrastructure;

namespace InvitationKit.Tests.Rules;

/// <summary>
/// Rule 1 and the email concept: surrounding whitespace (Unicode's White_Space) is trimmed — people paste addresses — so
/// the stored, mailed and matched address is the bare one; whitespace inside an address is judged as before.
/// </summary>
public sealed class SurroundingWhitespaceTests
{
    // Unicode's White_Space property (PropList.txt): exactly the characters trimmed.
    private static readonly int[] WhiteSpace =
        [0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0x85, 0xA0, 0x1680, .. Enumerable.Range(0x2000, 11), 0x2028, 0x2029, 0x202F, 0x205F, 0x3000];

    [Fact]
    public async Task A_pasted_address_invites_the_bare_address_which_is_stored_and_mailed()
    {
        await using var kit = await TestKit.CreateAsync();
        var view = (await kit.InviteAsync("  carol@example.com ")).ShouldSucceed().Invitations.Single();

        Assert.Equal("carol@example.com", view.Email);
        var stored = kit.Stored(view.Id);
        Assert.Equal(("carol@example.com", "carol@example.com"), (stored.Email, stored.EmailKey));
        Assert.Equal("carol@example.com", kit.Mailer.Sent.Single().Recipient.Value);
        Assert.Equal("carol@example.com", kit.Users.Users.Single(u => u.State == UserState.PendingActivation).Email);
    }

    [Fact]
    public async Task The_same_mailbox_with_other_whitespace_is_a_duplicate_and_then_already_invited()
    {
        await using var kit = await TestKit.CreateAsync();
        var duplicate = (await kit.InviteAsync("carol@example.com", "\tCarol@Example.com\r\n")).ShouldFailWith(InvitationErrorCode.DuplicateRecipient).Single();
        Assert.Equal("Carol@example.com", duplicate.Recipient);

        await kit.InviteOneAsync("carol@example.com");
        (await kit.InviteAsync("\u00A0carol@example.com\u3000")).ShouldFailWith(InvitationErrorCode.AlreadyInvited);
    }

    [Fact]
    public async Task Activation_and_the_signed_in_email_are_trimmed_too()
    {
        await using var kit = await TestKit.CreateAsync();
        await kit.InviteOneAsync("nina@example.com");
        (await kit.Manager.ActivateAsync(new ActivationRequest(" nina@example.com\n", kit.OtpFor("nina@example.com"), "correct horse battery staple"))).ShouldSucceed();

        var bob = kit.User("bob@example.com");
        await kit.InviteOneAsync("bob@example.com");
        var member = (await kit.Manager.AcceptAsync(kit.SecretFor("bob@example.com"), new SignedInIdentity(bob.Id, " Bob@Example.com\t", "Google", EmailVerified: true))).ShouldSucceed();
        Assert.Equal(bob.Id, member.UserId);
    }

    [Theory]
    [InlineData(" ")]
    [InlineData("\t\r\n")]
    [InlineData("\u00A0\u3000\u2028")]
    public async Task An_address_of_only_whitespace_is_refused_as_empty(string address)
    {
        Assert.False(EmailAddress.TryParse(address, out _, out var parseError));
        Assert.Equal(EmailAddressError.Empty, parseError);

        await using var kit = await TestKit.CreateAsync();
        var error = (await kit.InviteAsync(address)).ShouldFailWith(InvitationErrorCode.InvalidEmail).Single();
        Assert.Equal("This is not an acceptable email address: the address is empty (or only whitespace).", error.Message);
        Assert.Empty(kit.Store.Invitations);
    }

    [Theory]
    [InlineData(" carol @example.com ", EmailAddressError.InvalidLocalPart)]
    [InlineData(" carol@exa mple.com", EmailAddressError.InvalidDomain)]
    [InlineData("carol\t@example.com", EmailAddressError.ForbiddenCharacter)]
    [InlineData("\u200Bcarol@example.com", EmailAddressError.ForbiddenCharacter)]
    [InlineData("carol@example.com\uFEFF", EmailAddressError.ForbiddenCharacter)]
    [InlineData(" carol@example.com\r\nBcc: victim@example.com", EmailAddressError.InvalidLocalPart)]
    public void Whitespace_inside_and_invisible_characters_around_are_still_refused(string address, EmailAddressError expected)
    {
        Assert.False(EmailAddress.TryParse(address, out _, out var error));
        Assert.Equal(expected, error);
    }

    [Fact]
    public void Quoted_whitespace_is_part_of_the_mailbox_and_kept()
    {
        var address = EmailAddress.Parse(" \"  carol \"@example.com ");
        Assert.Equal("\"  carol \"@example.com", address.Value);
        Assert.NotEqual(EmailAddress.Parse("carol@example.com"), address);
    }

    [Fact]
    public void Exactly_unicode_white_space_is_trimmed()
    {
        var trimmed = new List<int>();
        for (var c = 0; c <= 0xFFFF; c++)
        {
            if (c is >= 0xD800 and <= 0xDFFF)
            {
                continue;
            }

            var padding = ((char)c).ToString();
            if (EmailAddress.TryParse(padding + "a@example.com" + padding, out var address) && address.Value == "a@example.com")
            {
                trimmed.Add(c);
            }
        }

        Assert.Equal(WhiteSpace, trimmed);
    }

    [Fact]
    public void The_length_limits_apply_to_the_trimmed_address()
    {
        var longest = new string('l', 64) + "@" + string.Join('.', Enumerable.Repeat(new string('d', 61), 3)) + ".com";
        Assert.Equal(EmailAddress.MaxLength, longest.Length);
        Assert.Equal(longest, EmailAddress.Parse("   " + longest + "\r\n").Value);
        Assert.True(EmailNormalizer.TryGetKey("\t" + longest + " ", out var key));
        Assert.Equal(longest, key);
    }
}
