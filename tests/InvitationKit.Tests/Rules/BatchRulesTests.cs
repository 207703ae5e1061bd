using InvitationKit.Tests.Infrastructure;

namespace InvitationKit.Tests.Rules;

/// <summary>Rules 1 and 8: batch size, duplicates, invalid addresses, all-or-nothing with every problem reported.</summary>
public sealed class BatchRulesTests
{
    [Fact]
    public async Task An_empty_batch_is_refused()
    {
        await using var kit = await TestKit.CreateAsync();
        (await kit.InviteAsync()).ShouldFailWith(InvitationErrorCode.BatchEmpty);
    }

    [Fact]
    public async Task Twenty_recipients_are_accepted_and_twenty_one_refused()
    {
        await using var kit = await TestKit.CreateAsync();
        var twenty = Enumerable.Range(0, 20).Select(i => $"p{i}@example.com").ToArray();
        Assert.Equal(20, (await kit.InviteAsync(twenty)).ShouldSucceed().Invitations.Count);

        var twentyOne = Enumerable.Range(0, 21).Select(i => $"q{i}@example.com").ToArray();
        var error = (await kit.InviteAsync(twentyOne)).ShouldFailWith(InvitationErrorCode.BatchTooLarge).Single();
        Assert.Contains("20", error.Message);
        Assert.Equal(20, kit.Store.Invitations.Count);
    }

    [Fact]
    public async Task The_batch_limit_is_configurable()
    {
        await using var kit = await TestKit.CreateAsync(o => o.MaxBatchSize = 2);
        (await kit.InviteAsync("a@example.com", "b@example.com", "c@example.com")).ShouldFailWith(InvitationErrorCode.BatchTooLarge);
    }

    [Fact]
    public async Task The_same_mailbox_twice_after_normalization_is_a_duplicate()
    {
        await using var kit = await TestKit.CreateAsync();
        var error = (await kit.InviteAsync("Alice@Example.COM", "alice@example.com")).ShouldFailWith(InvitationErrorCode.DuplicateRecipient).Single();
        Assert.Equal("alice@example.com", error.Recipient);
        Assert.Empty(kit.Mailer.Sent);
    }

    [Theory]
    [InlineData("not-an-address")]
    [InlineData("Alice <alice@example.com>")]
    [InlineData("alice@example.com\r\nBcc: victim@example.com")]
    [InlineData("alice\0@example.com")]
    [InlineData("alice@example.com.")]
    [InlineData("")]
    public async Task Malformed_or_hostile_addresses_are_refused_and_change_nothing(string address)
    {
        await using var kit = await TestKit.CreateAsync();
        var error = (await kit.InviteAsync(address)).ShouldFailWith(InvitationErrorCode.InvalidEmail).Single();
        Assert.NotNull(error.Recipient);
        Assert.DoesNotContain('\r', error.Recipient);
        Assert.DoesNotContain('\0', error.Recipient);
        Assert.Empty(kit.Store.Invitations);
        Assert.Empty(kit.Mailer.Sent);
    }

    [Fact]
    public async Task A_ten_megabyte_address_is_refused_with_a_short_excerpt()
    {
        await using var kit = await TestKit.CreateAsync();
        var huge = new string('a', 10 * 1024 * 1024) + "@example.com";
        var error = (await kit.InviteAsync(huge)).ShouldFailWith(InvitationErrorCode.InvalidEmail).Single();
        Assert.True(error.Recipient!.Length < 100);
        Assert.True(error.Message.Length < 200);
        Assert.Empty(kit.Store.Invitations);
    }

    [Fact]
    public async Task Every_problem_is_reported_together_and_nothing_is_written()
    {
        await using var kit = await TestKit.CreateAsync(o => o.OnlyRegisteredUsers = false);
        kit.Member("member@example.com");
        await kit.InviteOneAsync("pending@example.com");
        var usersBefore = kit.Users.Users.Count;
        var sentBefore = kit.Mailer.Sent.Count;
        var invitationsBefore = kit.Store.Invitations.Count;

        var result = await kit.InviteAsync("ok@example.com", "bad address", "member@example.com", "pending@example.com", "OK@example.com", "new@example.com");

        var errors = result.ShouldFailWith(
            InvitationErrorCode.InvalidEmail, InvitationErrorCode.AlreadyMember, InvitationErrorCode.AlreadyInvited, InvitationErrorCode.DuplicateRecipient);
        (InvitationErrorCode, string?)[] expected =
        [
            (InvitationErrorCode.InvalidEmail, "bad address"),
            (InvitationErrorCode.AlreadyMember, "member@example.com"),
            (InvitationErrorCode.AlreadyInvited, "pending@example.com"),
            (InvitationErrorCode.DuplicateRecipient, "OK@example.com"),
        ];
        Assert.Equal(expected.Order(), errors.Select(e => (e.Code, e.Recipient)).Order());
        Assert.Equal(invitationsBefore, kit.Store.Invitations.Count);
        Assert.Equal(usersBefore, kit.Users.Users.Count);
        Assert.Equal(sentBefore, kit.Mailer.Sent.Count);
    }

    [Fact]
    public async Task Invalid_role_names_are_refused()
    {
        await using var kit = await TestKit.CreateAsync();
        var request = new InviteRequest(TestKit.AccountId, TestKit.Product, [new InviteRecipient("a@example.com", "EDITOR", "bad\nrole")]);
        var error = (await kit.Manager.InviteAsync(kit.Owner, request)).ShouldFailWith(InvitationErrorCode.InvalidRole).Single();
        Assert.Equal("a@example.com", error.Recipient);
        Assert.Empty(kit.Store.Invitations);
    }

    [Fact]
    public async Task Roles_are_stored_deduplicated_in_order()
    {
        await using var kit = await TestKit.CreateAsync();
        var request = new InviteRequest(TestKit.AccountId, TestKit.Product, [new InviteRecipient("a@example.com", "EDITOR", "VIEWER", "EDITOR")]);
        var view = (await kit.Manager.InviteAsync(kit.Owner, request)).ShouldSucceed().Invitations.Single();
        Assert.Equal(["EDITOR", "VIEWER"], view.Roles);
    }

    [Theory]
    [InlineData("")]
    [InlineData("acme\u0000")]
    public async Task Invalid_account_ids_are_refused_as_input(string accountId)
    {
        await using var kit = await TestKit.CreateAsync();
        var request = new InviteRequest(accountId, TestKit.Product, [new InviteRecipient("a@example.com", "VIEWER")]);
        (await kit.Manager.InviteAsync(kit.Owner, request)).ShouldFailWith(InvitationErrorCode.InvalidInput);
    }

    [Fact]
    public async Task A_huge_account_id_is_refused_as_input()
    {
        await using var kit = await TestKit.CreateAsync();
        var request = new InviteRequest(new string('x', 10_000_000), TestKit.Product, [new InviteRecipient("a@example.com", "VIEWER")]);
        var error = (await kit.Manager.InviteAsync(kit.Owner, request)).ShouldFailWith(InvitationErrorCode.InvalidInput).Single();
        Assert.True(error.Message.Length < 300);
    }

    [Fact]
    public async Task Unknown_account_and_products_are_refused()
    {
        await using var kit = await TestKit.CreateAsync();
        (await kit.Manager.InviteAsync(Actor.Admin("root"), new InviteRequest("nope", TestKit.Product, [new InviteRecipient("a@example.com")])))
            .ShouldFailWith(InvitationErrorCode.AccountNotFound);
        (await kit.Manager.InviteAsync(kit.Owner, new InviteRequest(TestKit.AccountId, "nope", [new InviteRecipient("a@example.com")])))
            .ShouldFailWith(InvitationErrorCode.ProductNotFound);
    }

    [Fact]
    public async Task A_single_account_product_cannot_be_invited_into()
    {
        await using var kit = await TestKit.CreateAsync();
        var error = (await kit.Manager.InviteAsync(kit.Owner, new InviteRequest(TestKit.AccountId, TestKit.SingleAccountProduct, [new InviteRecipient("a@example.com")])))
            .ShouldFailWith(InvitationErrorCode.ProductIsSingleAccount).Single();
        Assert.Contains("Aimylogic", error.Message);
    }

    [Fact]
    public async Task A_cancelled_token_throws_and_writes_nothing()
    {
        await using var kit = await TestKit.CreateAsync();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            kit.Manager.InviteAsync(kit.Owner, new InviteRequest(TestKit.AccountId, TestKit.Product, [new InviteRecipient("a@example.com")]), cancelled.Token));
        Assert.Empty(kit.Store.Invitations);
        Assert.Empty(kit.Mailer.Sent);
    }

    [Fact]
    public async Task Null_arguments_are_programming_errors()
    {
        await using var kit = await TestKit.CreateAsync();
        await Assert.ThrowsAsync<ArgumentNullException>(() => kit.Manager.InviteAsync(kit.Owner, null!));
        await Assert.ThrowsAsync<ArgumentNullException>(() => kit.Manager.AcceptAsync(null!, new SignedInIdentity("u", "a@b.co", "p", EmailVerified: true)));
        await Assert.ThrowsAsync<ArgumentNullException>(() => kit.Manager.ActivateAsync(null!));
    }
}
