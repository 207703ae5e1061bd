using System.Text.Json;
using InvitationKit.Ports;
using InvitationKit.Testing;
using InvitationKit.Testing.Conformance;
using InvitationKit.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace InvitationKit.Tests.Attacks;

/// <summary>
/// Issue 21, asking for a new invitation (rule 22): the link's holder learns nothing new from the answer, whatever the
/// secret; a flood for one address tells its inviter once; another tenant learns nothing; a notice never carries a secret.
/// </summary>
public abstract partial class AttackTests
{
    [StoreFact]
    public async Task Probing_with_any_secret_gets_one_answer_and_only_an_expired_or_revoked_link_tells_the_inviter()
    {
        await using var kit = await KitAsync();
        var expired = await kit.InviteOneAsync("expired@example.com");
        var expiredSecret = kit.SecretFor("expired@example.com");
        kit.Clock.Advance(kit.Options.InvitationLifetime + NodaTime.Duration.FromMinutes(1));
        kit.Users.AddUser("accepted@example.com");
        await kit.InviteOneAsync("accepted@example.com");
        (await kit.AcceptAsync("accepted@example.com")).ShouldSucceed();
        await kit.InviteOneAsync("rejected@example.com");
        (await kit.Manager.RejectAsync(kit.SecretFor("rejected@example.com"))).ShouldSucceed();
        var revoked = await kit.InviteOneAsync("revoked@example.com");
        (await kit.Manager.RevokeAsync(kit.Owner, revoked)).ShouldSucceed();
        await kit.InviteOneAsync("pending@example.com");

        var secrets = new[] { "not-a-link", kit.SecretFor("pending@example.com"), kit.SecretFor("accepted@example.com"), kit.SecretFor("rejected@example.com"), expiredSecret, kit.SecretFor("revoked@example.com") };
        var answers = new List<InvitationResult<bool>>();
        foreach (var secret in secrets)
        {
            answers.Add(await kit.Manager.RequestNewInvitationAsync(secret));
        }

        Assert.All(answers, a => Assert.Equal(answers[0], a));
        Assert.True(answers[0].ShouldSucceed());

        await kit.Dispatcher.DispatchAsync();
        var notices = kit.Notices.Sent;
        Assert.Equal(new[] { expired, revoked }.Order(), notices.Select(n => n.InvitationId).Order());
        Assert.All(notices, n => Assert.Equal(["owner"], n.RecipientUserIds));
        Assert.Equal(InvitationStatus.Expired, notices.Single(n => n.InvitationId == expired).Status);
        Assert.Equal(2, kit.Events.Events.Count(e => e.Kind == InvitationEventKind.NewInvitationRequested));
    }

    [StoreFact]
    public async Task A_flood_of_requests_for_one_address_tells_the_inviter_once()
    {
        await using var kit = await KitAsync();
        var other = await kit.TenantAsync("other");
        var id = await kit.InviteOneAsync("flood@example.com");
        var secret = kit.SecretFor("flood@example.com");
        (await kit.Manager.RevokeAsync(kit.Owner, id)).ShouldSucceed();

        var requests = Enumerable.Range(0, 20).Select(_ => kit.OtherRequest()).Select(m => m.RequestNewInvitationAsync(secret)).ToArray();
        Assert.All(await Task.WhenAll(requests), r => Assert.True(r.ShouldSucceed()));
        await Task.WhenAll(kit.Dispatcher.DispatchAsync(), kit.OtherDispatcher().DispatchAsync());
        await kit.Dispatcher.DispatchAsync();
        Assert.Equal(id, Assert.Single(kit.Notices.Sent).InvitationId);

        // Another account's revoked invitation of the same address is told too, once; asking again with either link tells
        // nobody (the address's limit, off here, has a test of its own).
        var elsewhere = (await kit.Manager.InviteAsync(other, new InviteRequest("other", TestKit.Product, [new InviteRecipient("flood@example.com")]))).ShouldSucceed().Invitations.Single();
        var otherSecret = kit.SecretFor("flood@example.com");
        (await kit.Manager.RevokeAsync(other, elsewhere.Id)).ShouldSucceed();
        for (var i = 0; i < 5; i++)
        {
            (await kit.Manager.RequestNewInvitationAsync(otherSecret)).ShouldSucceed();
            (await kit.Manager.RequestNewInvitationAsync(secret)).ShouldSucceed();
        }

        await kit.Dispatcher.DispatchAsync();
        Assert.Equal([id, elsewhere.Id], kit.Notices.Sent.Select(n => n.InvitationId));
    }

    [StoreFact]
    public async Task The_address_limit_caps_notices_across_accounts()
    {
        await using var kit = await KitAsync(o => o.RateLimits = new InvitationRateLimitOptions { NewInvitationRequestsPerAddress = new RateLimitRule(1, NodaTime.Duration.FromHours(24)) });
        var other = await kit.TenantAsync("other");
        var acme = await kit.InviteOneAsync("capped@example.com");
        var acmeSecret = kit.SecretFor("capped@example.com");
        var elsewhere = (await kit.Manager.InviteAsync(other, new InviteRequest("other", TestKit.Product, [new InviteRecipient("capped@example.com")]))).ShouldSucceed().Invitations.Single();
        var otherSecret = kit.SecretFor("capped@example.com");
        (await kit.Manager.RevokeAsync(kit.Owner, acme)).ShouldSucceed();
        (await kit.Manager.RevokeAsync(other, elsewhere.Id)).ShouldSucceed();

        Assert.Equal(await kit.Manager.RequestNewInvitationAsync(acmeSecret), await kit.Manager.RequestNewInvitationAsync(otherSecret));
        await kit.Dispatcher.DispatchAsync();
        Assert.Equal(acme, Assert.Single(kit.Notices.Sent).InvitationId);
        Assert.Null((await kit.StoredAsync(elsewhere.Id)).NewInvitationRequestedAt); // over the limit: not asked, so it may be later
    }

    [StoreFact]
    public async Task Another_tenant_learns_nothing_and_a_notice_never_carries_a_secret()
    {
        await using var kit = await KitAsync();
        var other = await kit.TenantAsync("other");
        kit.Users.AddUser("victim@example.com");
        var id = await kit.InviteOneAsync("victim@example.com");
        var secret = kit.SecretFor("victim@example.com");
        (await kit.Manager.InviteAsync(other, new InviteRequest("other", TestKit.Product, [new InviteRecipient("victim@example.com")]))).ShouldSucceed();
        (await kit.Manager.RevokeAsync(kit.Owner, id)).ShouldSucceed();

        (await kit.Manager.RequestNewInvitationAsync(secret)).ShouldSucceed();
        await kit.Dispatcher.DispatchAsync();
        var notice = Assert.Single(kit.Notices.Sent);
        Assert.Equal((TestKit.AccountId, id), (notice.Account.Id, notice.InvitationId));
        Assert.DoesNotContain(other.UserId, notice.RecipientUserIds);
        var json = JsonSerializer.Serialize(notice);
        foreach (var mail in kit.Mailer.Sent)
        {
            Assert.DoesNotContain(mail.Secret, json, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(kit.Events.Events, e => e.Kind == InvitationEventKind.NewInvitationRequested && e.AccountId == "other");
    }

    [StoreFact]
    public async Task An_inviter_who_can_no_longer_invite_leaves_the_notice_to_the_accounts_managers()
    {
        await using var kit = await KitAsync();
        var admin = await MemberAsync(kit, "admin@example.com", "USER_ADMIN");
        var id = (await kit.Manager.InviteAsync(admin, new InviteRequest(TestKit.AccountId, TestKit.Product, [new InviteRecipient("gone@example.com")]))).ShouldSucceed().Invitations.Single().Id;
        var secret = kit.SecretFor("gone@example.com");
        (await kit.Manager.RevokeAsync(kit.Owner, id)).ShouldSucceed();
        (await kit.Manager.RemoveMemberAsync(kit.Owner, TestKit.AccountId, admin.UserId)).ShouldSucceed();

        (await kit.Manager.RequestNewInvitationAsync(secret)).ShouldSucceed();
        await kit.Dispatcher.DispatchAsync();
        Assert.Equal(["owner"], Assert.Single(kit.Notices.Sent).RecipientUserIds);
    }

    [StoreFact]
    public async Task A_dispatcher_that_dies_after_claiming_a_notice_leaves_it_to_the_next_after_its_lease()
    {
        await using var kit = await KitAsync();
        var id = await kit.InviteOneAsync("crash@example.com");
        var secret = kit.SecretFor("crash@example.com");
        (await kit.Manager.RevokeAsync(kit.Owner, id)).ShouldSucceed();
        (await kit.Manager.RequestNewInvitationAsync(secret)).ShouldSucceed();

        // A dispatcher claims it as the kit does (one attempt, the lease as its due time), then its process dies.
        var due = Assert.Single(await kit.Port.Outbox.FindDueNoticesAsync(kit.Clock.GetCurrentInstant(), 10, default));
        Assert.NotNull(await kit.Port.Invitations.TryUpdateAsync(due with { NoticeAttempts = 1, NoticeDueAt = kit.Clock.GetCurrentInstant() + kit.Options.Delivery.LeaseTimeout }, default));
        Assert.Equal(0, (await kit.Dispatcher.DispatchAsync()).NoticesSent);
        Assert.Empty(kit.Notices.Sent);

        kit.Clock.Advance(kit.Options.Delivery.LeaseTimeout);
        Assert.Equal(1, (await kit.Dispatcher.DispatchAsync()).NoticesSent);
        Assert.Single(kit.Notices.Sent);
        Assert.Equal((2, (NodaTime.Instant?)null), ((await kit.StoredAsync(id)).NoticeAttempts, (await kit.StoredAsync(id)).NoticeDueAt));
        Assert.Equal(0, (await kit.Dispatcher.DispatchAsync()).NoticesSent);
    }

    [StoreFact]
    public async Task A_failing_notice_mailer_is_retried_with_backoff_and_given_up_after_the_last_attempt()
    {
        await using var kit = await KitAsync();
        var id = await kit.InviteOneAsync("retry@example.com");
        var secret = kit.SecretFor("retry@example.com");
        (await kit.Manager.RevokeAsync(kit.Owner, id)).ShouldSucceed();
        (await kit.Manager.RequestNewInvitationAsync(secret)).ShouldSucceed();
        kit.Notices.FailWhen = _ => true;

        for (var attempt = 1; attempt <= kit.Options.Delivery.MaxAttempts; attempt++)
        {
            Assert.Equal(1, (await kit.Dispatcher.DispatchAsync()).NoticesFailed);
            kit.Clock.Advance(kit.Options.Delivery.MaxRetryDelay);
        }

        var stored = await kit.StoredAsync(id);
        Assert.Equal((kit.Options.Delivery.MaxAttempts, (NodaTime.Instant?)null), (stored.NoticeAttempts, stored.NoticeDueAt));
        Assert.True((await kit.Dispatcher.DispatchAsync()).IsEmpty);
        Assert.Empty(kit.Notices.Sent);
    }

    [Fact]
    public async Task Without_a_notice_mailer_every_secret_gets_the_same_refusal()
    {
        await using var kit = await TestKit.CreateAsync(after: s => s.RemoveAll<IInvitationNoticeMailer>());
        var id = await kit.InviteOneAsync("off@example.com");
        var secret = kit.SecretFor("off@example.com");
        (await kit.Manager.RevokeAsync(kit.Owner, id)).ShouldSucceed();
        var off = await kit.Manager.RequestNewInvitationAsync(secret);
        off.ShouldFailWith(InvitationErrorCode.NewInvitationRequestsOff);
        Assert.Equal(off, await kit.Manager.RequestNewInvitationAsync("not-a-link"));
        Assert.Null((await kit.StoredAsync(id)).NoticeDueAt);
    }
}
