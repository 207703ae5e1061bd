using InvitationKit.Tests.Infrastructure;
using InvitationKit.Ports;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace InvitationKit.Tests.Rules;

/// <summary>An invite's idempotency key: a retry (its reply lost) returns the first outcome and creates nothing more.</summary>
public sealed class IdempotencyTests
{
    private static InviteRequest Request(string key, params string[] emails) =>
        new(TestKit.AccountId, TestKit.Product, [.. emails.Select(e => new InviteRecipient(e, "VIEWER"))], IdempotencyKey: key);

    [Fact]
    public async Task The_same_key_and_request_return_the_first_outcome_and_create_nothing_more()
    {
        await using var kit = await TestKit.CreateAsync();
        kit.User("bob@example.com");
        var first = (await kit.Manager.InviteAsync(kit.Owner, Request("k-1", "bob@example.com", "nina@example.com"))).ShouldSucceed();
        var mails = kit.Mailer.Sent.Count;
        var seats = (await kit.Manager.GetSeatUsageAsync(kit.Owner, TestKit.AccountId)).ShouldSucceed();

        // The caller never saw the reply and tries again, in another request; the recipients' case differs, as typed anew.
        var again = (await kit.OtherRequest().InviteAsync(kit.Owner, Request("k-1", "Bob@Example.com", "nina@example.com"))).ShouldSucceed();
        Assert.Equal(first.Invitations.Select(i => i.Id), again.Invitations.Select(i => i.Id));
        Assert.Equal(mails, kit.Mailer.Sent.Count);
        Assert.Equal(seats, (await kit.Manager.GetSeatUsageAsync(kit.Owner, TestKit.AccountId)).ShouldSucceed());
        Assert.Equal(2, kit.Store.Invitations.Count);

        // The replay shows the invitations as they are now.
        (await kit.AcceptAsync("bob@example.com")).ShouldSucceed();
        var later = (await kit.Manager.InviteAsync(kit.Owner, Request("k-1", "bob@example.com", "nina@example.com"))).ShouldSucceed();
        Assert.Equal(InvitationStatus.Accepted, later.Invitations.Single(i => i.Email == "bob@example.com").Status);
    }

    [Fact]
    public async Task The_same_key_with_another_request_is_refused_and_creates_nothing()
    {
        await using var kit = await TestKit.CreateAsync();
        (await kit.Manager.InviteAsync(kit.Owner, Request("k-1", "nina@example.com"))).ShouldSucceed();
        (await kit.Manager.InviteAsync(kit.Owner, Request("k-1", "other@example.com"))).ShouldFailWith(InvitationErrorCode.IdempotencyKeyReused);
        (await kit.Manager.InviteAsync(kit.Owner, Request("k-1", "nina@example.com") with { Recipients = [new InviteRecipient("nina@example.com", "EDITOR")] }))
            .ShouldFailWith(InvitationErrorCode.IdempotencyKeyReused);
        var admin = Actor.Admin("platform-admin");
        (await kit.Manager.InviteAsync(admin, Request("k-1", "nina@example.com"))).ShouldFailWith(InvitationErrorCode.IdempotencyKeyReused);
        Assert.Single(kit.Store.Invitations);
    }

    [Fact]
    public async Task Roles_differing_only_in_case_are_another_request_under_the_key()
    {
        // Role names are compared ordinally everywhere (editor and EDITOR are two roles), the fingerprint included: a
        // retry with EDITOR must never replay an invite stored with editor.
        await using var kit = await TestKit.CreateAsync();
        var editor = new InviteRequest(TestKit.AccountId, TestKit.Product, [new InviteRecipient("nina@example.com", "editor")], IdempotencyKey: "k-1");
        (await kit.Manager.InviteAsync(kit.Owner, editor)).ShouldSucceed();
        (await kit.Manager.InviteAsync(kit.Owner, editor with { Recipients = [new InviteRecipient("nina@example.com", "EDITOR")] }))
            .ShouldFailWith(InvitationErrorCode.IdempotencyKeyReused);
        (await kit.Manager.InviteAsync(kit.Owner, editor with { Recipients = [new InviteRecipient("nina@example.com", "editor", "editor")] })).ShouldSucceed();
        Assert.Equal(["editor"], Assert.Single(kit.Store.Invitations).Roles);
    }

    [Fact]
    public async Task Concurrent_copies_under_one_key_all_answer_the_first_outcome()
    {
        await using var kit = await TestKit.CreateAsync();
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8)
            .Select(_ => Task.Run(() => kit.OtherRequest().InviteAsync(kit.Owner, Request("k-1", "a@example.com", "b@example.com")))));
        Assert.Single(outcomes.Select(o => string.Join(',', o.ShouldSucceed().Invitations.Select(i => i.Id))).Distinct());
        Assert.Equal(2, kit.Store.Invitations.Count);
    }

    [Fact]
    public async Task A_refused_invite_records_nothing_so_its_key_decides_afresh()
    {
        await using var kit = await TestKit.CreateAsync(userLimit: 2);
        (await kit.Manager.InviteAsync(kit.Owner, Request("k-1", "a@example.com", "b@example.com"))).ShouldFailWith(InvitationErrorCode.UserLimitExceeded);
        (await kit.Manager.InviteAsync(kit.Owner, Request("k-1", "a@example.com"))).ShouldSucceed();
    }

    [Fact]
    public async Task Keys_belong_to_their_account()
    {
        await using var kit = await TestKit.CreateAsync();
        var other = await kit.TenantAsync("globex");
        (await kit.Manager.InviteAsync(kit.Owner, Request("k-1", "nina@example.com"))).ShouldSucceed();
        var theirs = (await kit.Manager.InviteAsync(other, Request("k-1", "nina@example.com") with { AccountId = "globex" })).ShouldSucceed();
        Assert.Equal("globex", Assert.Single(theirs.Invitations).AccountId);
    }

    [Fact]
    public async Task Racing_retries_of_one_key_create_one_batch_and_all_answer_it()
    {
        await using var kit = await TestKit.CreateAsync();
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => kit.OtherRequest().InviteAsync(kit.Owner, Request("k-race", "a@example.com", "b@example.com")))));
        var ids = outcomes.Select(o => string.Join(",", o.ShouldSucceed().Invitations.Select(i => i.Id).Order())).Distinct();
        Assert.Single(ids);
        Assert.Equal(2, kit.Store.Invitations.Count);
    }

    [Fact]
    public async Task The_expiry_sweep_forgets_keys_older_than_an_invitation_lifetime()
    {
        await using var kit = await TestKit.CreateAsync();
        (await kit.Manager.InviteAsync(kit.Owner, Request("k-1", "nina@example.com"))).ShouldSucceed();
        kit.Clock.Advance(Duration.FromDays(8));
        (await kit.Manager.ExpireOverdueAsync()).ShouldSucceed();
        var anew = (await kit.Manager.InviteAsync(kit.Owner, Request("k-1", "nina@example.com"))).ShouldSucceed();
        Assert.Equal(InvitationStatus.Pending, Assert.Single(anew.Invitations).Status);
        Assert.Equal(2, kit.Store.Invitations.Count);
    }

    [Fact]
    public async Task A_withdrawn_batch_forgets_its_key_so_the_retry_creates_it()
    {
        await using var kit = await TestKit.CreateAsync(services: s => s.AddSingleton<IUserDirectory>(sp => new FlakyUserDirectory(sp.GetRequiredService<InMemoryUserDirectory>(), failCreationAt: 1)));
        await Assert.ThrowsAsync<TimeoutException>(() => kit.Manager.InviteAsync(kit.Owner, Request("k-1", "nina@example.com")));
        Assert.Empty(kit.Store.Invitations);

        var retried = (await kit.Manager.InviteAsync(kit.Owner, Request("k-1", "nina@example.com"))).ShouldSucceed();
        Assert.Equal(InvitationStatus.Pending, Assert.Single(retried.Invitations).Status);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("key\u0000")]
    public async Task A_malformed_key_is_invalid_input(string key)
    {
        await using var kit = await TestKit.CreateAsync();
        (await kit.Manager.InviteAsync(kit.Owner, Request(key, "nina@example.com"))).ShouldFailWith(InvitationErrorCode.InvalidInput);
        Assert.Empty(kit.Store.Invitations);
    }

    [Fact]
    public async Task A_null_recipient_under_an_idempotency_key_is_an_ArgumentNullException_not_a_NullReferenceException()
    {
        // The fingerprint read every recipient before the null check of the recipients' loop (found by the dry run's
        // hostile-input property): an idempotent invite with a null recipient threw NullReferenceException.
        await using var kit = await TestKit.CreateAsync();
        var request = new InviteRequest(TestKit.AccountId, TestKit.Product, [new InviteRecipient("nina@example.com", "VIEWER"), null!], IdempotencyKey: "k-null");

        await Assert.ThrowsAsync<ArgumentNullException>(() => kit.Manager.InviteAsync(kit.Owner, request));
        await Assert.ThrowsAsync<ArgumentNullException>(() => kit.Manager.CheckInviteAsync(kit.Owner, request));
        Assert.Empty(kit.Store.Invitations);
    }
}
