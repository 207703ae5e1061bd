using InvitationKit.Tests.Infrastructure;
using NodaTime;

namespace InvitationKit.Tests.Rules;

/// <summary>Rule 5 (re-inviting): an invite of an address with a pending invitation refuses it, resends it or replaces it, as the request chooses.</summary>
public sealed class ReinviteTests
{
    private static InviteRequest Request(PendingInvitationChoice choice, params InviteRecipient[] recipients) =>
        new(TestKit.AccountId, TestKit.Product, recipients, WhenPending: choice);

    [Fact]
    public async Task Refuse_is_the_default_and_refuses_a_pending_address_as_before()
    {
        await using var kit = await TestKit.CreateAsync();
        await kit.InviteOneAsync("nina@example.com");
        var errors = (await kit.Manager.InviteAsync(kit.Owner, new InviteRequest(TestKit.AccountId, TestKit.Product, [new InviteRecipient("nina@example.com", "VIEWER")])))
            .ShouldFailWith(InvitationErrorCode.AlreadyInvited);
        Assert.Equal("nina@example.com", errors[0].Recipient);
        (await kit.Manager.InviteAsync(kit.Owner, Request(PendingInvitationChoice.Refuse, new InviteRecipient("nina@example.com", "VIEWER"))))
            .ShouldFailWith(InvitationErrorCode.AlreadyInvited);
        Assert.Single(kit.Store.Invitations);
    }

    [Fact]
    public async Task Resend_mails_a_fresh_link_keeps_the_roles_and_the_old_link_stops_working()
    {
        await using var kit = await TestKit.CreateAsync(userLimit: 2);
        var id = await kit.InviteOneAsync("nina@example.com");
        var oldSecret = kit.SecretFor("nina@example.com");
        var before = kit.Stored(id);

        // The request's roles are checked, then not used: a resend keeps the invitation's roles. The account is full
        // (the owner and Nina's invitation): a reissue takes no seat.
        var outcome = (await kit.Manager.InviteAsync(kit.Owner, Request(PendingInvitationChoice.Resend, new InviteRecipient("Nina@Example.com", "EDITOR")))).ShouldSucceed();

        Assert.Equal([InviteDisposition.Resent], outcome.Dispositions);
        Assert.Equal(id, Assert.Single(outcome.Invitations).Id);
        var after = kit.Stored(id);
        Assert.Equal(["VIEWER"], after.Roles);
        Assert.Equal(before.SendCount + 1, after.SendCount);
        Assert.NotEqual(before.SecretHash, after.SecretHash);
        Assert.Single(kit.Store.Invitations);
        Assert.True(kit.Mailer.LastTo("nina@example.com").IsResend);
        Assert.NotEqual(oldSecret, kit.SecretFor("nina@example.com"));
        Assert.Contains(kit.Events.Events, e => e.Kind == InvitationEventKind.Resent && e.InvitationId == id && e.ActorId == "owner");

        var nina = kit.Users.Users.Single(u => u.Email == "nina@example.com");
        kit.Users.SetState(nina.Id, UserState.Enabled);
        (await kit.Manager.AcceptAsync(oldSecret, new SignedInIdentity(nina.Id, "nina@example.com", "password", EmailVerified: true)))
            .ShouldFailWith(InvitationErrorCode.InvitationNotFound);
        (await kit.AcceptAsync("nina@example.com")).ShouldSucceed();
    }

    [Fact]
    public async Task Replace_gives_the_pending_invitation_the_requests_roles_and_a_fresh_link_in_its_own_seat()
    {
        await using var kit = await TestKit.CreateAsync(userLimit: 2);
        var id = await kit.InviteOneAsync("nina@example.com");
        var oldSecret = kit.SecretFor("nina@example.com");

        var outcome = (await kit.Manager.InviteAsync(kit.Owner, Request(PendingInvitationChoice.Replace, new InviteRecipient("nina@example.com", ["EDITOR"], GrantsOwner: true))))
            .ShouldSucceed();

        Assert.Equal([InviteDisposition.Replaced], outcome.Dispositions);
        var after = kit.Stored(id);
        Assert.Equal(["EDITOR"], after.Roles);
        Assert.True(after.GrantsOwner);
        Assert.Equal(2, after.SendCount);
        Assert.Single(kit.Store.Invitations);
        Assert.NotEqual(oldSecret, kit.SecretFor("nina@example.com"));
        Assert.Contains(kit.Events.Events, e => e.Kind == InvitationEventKind.RolesChanged && e.InvitationId == id);
        Assert.Contains(kit.Events.Events, e => e.Kind == InvitationEventKind.Resent && e.InvitationId == id);
        var seats = (await kit.Manager.GetSeatUsageAsync(kit.Owner, TestKit.AccountId)).ShouldSucceed();
        Assert.Equal(2, seats.Occupied);
    }

    [Fact]
    public async Task A_mixed_batch_creates_the_new_and_reissues_the_pending_in_request_order()
    {
        await using var kit = await TestKit.CreateAsync();
        var pending = await kit.InviteOneAsync("nina@example.com");
        var outcome = (await kit.Manager.InviteAsync(kit.Owner, Request(
            PendingInvitationChoice.Replace,
            new InviteRecipient("a@example.com", "VIEWER"),
            new InviteRecipient("nina@example.com", "EDITOR"),
            new InviteRecipient("b@example.com", "VIEWER")))).ShouldSucceed();

        Assert.Equal(["a@example.com", "nina@example.com", "b@example.com"], outcome.Invitations.Select(i => i.Email));
        Assert.Equal([InviteDisposition.Created, InviteDisposition.Replaced, InviteDisposition.Created], outcome.Dispositions);
        Assert.Equal(pending, Assert.Single(outcome.With(InviteDisposition.Replaced)).Id);
        Assert.Equal(2, outcome.With(InviteDisposition.Created).Count);
        Assert.Equal(3, kit.Store.Invitations.Count);
    }

    [Fact]
    public async Task A_reissue_past_the_send_limit_refuses_the_whole_batch_and_the_dry_run_says_so()
    {
        await using var kit = await TestKit.CreateAsync(o => o.MaxSends = 2);
        var id = await kit.InviteOneAsync("nina@example.com");
        (await kit.Manager.ResendAsync(kit.Owner, id)).ShouldSucceed();
        var revision = kit.Stored(id).Revision;
        var mails = kit.Mailer.Sent.Count;
        foreach (var choice in new[] { PendingInvitationChoice.Resend, PendingInvitationChoice.Replace })
        {
            var request = Request(choice, new InviteRecipient("new@example.com", "VIEWER"), new InviteRecipient("nina@example.com", "VIEWER"));
            var check = (await kit.Manager.CheckInviteAsync(kit.Owner, request)).ShouldSucceed();
            var refused = (await kit.Manager.InviteAsync(kit.Owner, request)).ShouldFailWith(InvitationErrorCode.ResendLimitReached);
            Assert.Equal("nina@example.com", refused[0].Recipient);
            Assert.Equal(refused.Select(e => (e.Code, e.Recipient)), check.Problems.Select(e => (e.Code, e.Recipient)));
        }

        Assert.Single(kit.Store.Invitations); // all or nothing: new@ was not created either
        Assert.Equal(revision, kit.Stored(id).Revision);
        Assert.Equal(mails, kit.Mailer.Sent.Count);
    }

    [Fact]
    public async Task A_reissue_within_the_resend_cooldown_is_refused_as_too_soon()
    {
        await using var kit = await TestKit.CreateAsync(o => o.ResendCooldown = Duration.FromMinutes(10));
        await kit.InviteOneAsync("nina@example.com");
        var refused = (await kit.Manager.InviteAsync(kit.Owner, Request(PendingInvitationChoice.Resend, new InviteRecipient("nina@example.com", "VIEWER"))))
            .ShouldFailWith(InvitationErrorCode.RateLimited);
        Assert.Equal("nina@example.com", refused[0].Recipient);
        kit.Clock.Advance(Duration.FromMinutes(10));
        (await kit.Manager.InviteAsync(kit.Owner, Request(PendingInvitationChoice.Resend, new InviteRecipient("nina@example.com", "VIEWER")))).ShouldSucceed();
    }

    [Fact]
    public async Task Replace_cannot_escalate_an_invitations_roles_beyond_what_the_actor_may_grant()
    {
        await using var kit = await TestKit.CreateAsync();
        var id = await kit.InviteOneAsync("nina@example.com");
        var userAdmin = Actor.User(kit.Member("ua@example.com", WellKnownRoles.UserAdmin, "VIEWER").Id);

        (await kit.Manager.InviteAsync(userAdmin, Request(PendingInvitationChoice.Replace, new InviteRecipient("nina@example.com", "VIEWER", "BILLING_ADMIN"))))
            .ShouldFailWith(InvitationErrorCode.RoleGrantNotAllowed);
        (await kit.Manager.InviteAsync(userAdmin, Request(PendingInvitationChoice.Replace, new InviteRecipient("nina@example.com", ["VIEWER"], GrantsOwner: true))))
            .ShouldFailWith(InvitationErrorCode.OwnerGrantNotAllowed);
        Assert.Equal(["VIEWER"], kit.Stored(id).Roles);
        Assert.False(kit.Stored(id).GrantsOwner);
    }

    [Fact]
    public async Task Replace_cannot_withdraw_owner_capability_without_the_right_to_grant_it()
    {
        await using var kit = await TestKit.CreateAsync();
        var owned = (await kit.Manager.InviteAsync(kit.Owner, Request(PendingInvitationChoice.Refuse, new InviteRecipient("nina@example.com", ["VIEWER"], GrantsOwner: true))))
            .ShouldSucceed().Invitations[0].Id;
        var userAdmin = Actor.User(kit.Member("ua@example.com", WellKnownRoles.UserAdmin, "VIEWER").Id);
        (await kit.Manager.InviteAsync(userAdmin, Request(PendingInvitationChoice.Replace, new InviteRecipient("nina@example.com", "VIEWER"))))
            .ShouldFailWith(InvitationErrorCode.OwnerGrantNotAllowed);
        Assert.True(kit.Stored(owned).GrantsOwner);

        // A resend keeps the owner flag, as ResendAsync does, so a user admin may resend it.
        (await kit.Manager.InviteAsync(userAdmin, Request(PendingInvitationChoice.Resend, new InviteRecipient("nina@example.com", "VIEWER")))).ShouldSucceed();
        Assert.True(kit.Stored(owned).GrantsOwner);
    }

    [Fact]
    public async Task Another_tenants_admin_cannot_resend_or_replace_this_accounts_invitation()
    {
        await using var kit = await TestKit.CreateAsync();
        var ours = await kit.InviteOneAsync("nina@example.com");
        var before = kit.Stored(ours);
        var secret = kit.SecretFor("nina@example.com");
        var otherOwner = await kit.TenantAsync("globex");

        foreach (var choice in new[] { PendingInvitationChoice.Resend, PendingInvitationChoice.Replace })
        {
            // Naming this account is refused outright; naming their own creates their own invitation and leaves ours alone.
            (await kit.Manager.InviteAsync(otherOwner, Request(choice, new InviteRecipient("nina@example.com", "EDITOR"))))
                .ShouldFailWith(InvitationErrorCode.PermissionDenied);
        }

        var theirs = (await kit.Manager.InviteAsync(otherOwner, new InviteRequest("globex", TestKit.Product, [new InviteRecipient("nina@example.com", "EDITOR")], WhenPending: PendingInvitationChoice.Replace)))
            .ShouldSucceed();
        Assert.Equal([InviteDisposition.Created], theirs.Dispositions);
        Assert.NotEqual(ours, theirs.Invitations[0].Id);
        Assert.Equal(before, kit.Stored(ours));
        Assert.Equal(secret, kit.Mailer.Sent.Last(m => m.InvitationId == ours).Secret);
    }

    [Fact]
    public async Task A_replace_of_an_invitation_revoked_before_the_write_revives_nothing_and_stores_nothing()
    {
        FaultyStore? store = null;
        await using var kit = await TestKit.CreateAsync(services: s => FaultyStore.Register(s, created => store = created));
        var id = await kit.InviteOneAsync("nina@example.com");
        var mails = kit.Mailer.Sent.Count;
        store!.BeforeInsert = async () => (await kit.OtherRequest().RevokeAsync(kit.Owner, id)).ShouldSucceed();

        (await kit.Manager.InviteAsync(kit.Owner, Request(PendingInvitationChoice.Replace, new InviteRecipient("nina@example.com", "EDITOR"), new InviteRecipient("new@example.com", "VIEWER"))))
            .ShouldFailWith(InvitationErrorCode.ConcurrencyConflict);

        Assert.Equal(InvitationStatus.Revoked, kit.Stored(id).Status);
        Assert.Equal(["VIEWER"], kit.Stored(id).Roles);
        Assert.Single(kit.Store.Invitations); // new@ was not created either
        Assert.Equal(mails, kit.Mailer.Sent.Count);
        Assert.DoesNotContain(kit.Events.Events, e => e.Kind == InvitationEventKind.Resent);
    }

    [Fact]
    public async Task An_ended_invitation_is_invited_afresh_whatever_the_choice()
    {
        await using var kit = await TestKit.CreateAsync();
        var revoked = await kit.InviteOneAsync("nina@example.com");
        (await kit.Manager.RevokeAsync(kit.Owner, revoked)).ShouldSucceed();
        var outcome = (await kit.Manager.InviteAsync(kit.Owner, Request(PendingInvitationChoice.Replace, new InviteRecipient("nina@example.com", "VIEWER")))).ShouldSucceed();
        Assert.Equal([InviteDisposition.Created], outcome.Dispositions);
        Assert.NotEqual(revoked, outcome.Invitations[0].Id);
    }

    [Fact]
    public async Task Resend_of_a_pending_invitation_for_another_product_is_refused_and_replace_moves_it()
    {
        await using var kit = await TestKit.CreateAsync();
        var id = await kit.InviteOneAsync("nina@example.com", TestKit.LatestOnlyProduct);
        (await kit.Manager.InviteAsync(kit.Owner, Request(PendingInvitationChoice.Resend, new InviteRecipient("nina@example.com", "VIEWER"))))
            .ShouldFailWith(InvitationErrorCode.AlreadyInvited);
        (await kit.Manager.InviteAsync(kit.Owner, Request(PendingInvitationChoice.Replace, new InviteRecipient("nina@example.com", "VIEWER")))).ShouldSucceed();
        Assert.Equal(TestKit.Product, kit.Stored(id).ProductId);
    }

    [Fact]
    public async Task The_choice_is_part_of_the_idempotent_request_and_a_replay_returns_the_first_dispositions()
    {
        await using var kit = await TestKit.CreateAsync();
        await kit.InviteOneAsync("nina@example.com");
        var request = Request(PendingInvitationChoice.Replace, new InviteRecipient("nina@example.com", "EDITOR"), new InviteRecipient("new@example.com", "VIEWER")) with { IdempotencyKey = "k-1" };
        var first = (await kit.Manager.InviteAsync(kit.Owner, request)).ShouldSucceed();
        var mails = kit.Mailer.Sent.Count;

        var again = (await kit.OtherRequest().InviteAsync(kit.Owner, request)).ShouldSucceed();
        Assert.Equal(first.Invitations.Select(i => i.Id), again.Invitations.Select(i => i.Id));
        Assert.Equal(first.Dispositions, again.Dispositions);
        Assert.Equal(mails, kit.Mailer.Sent.Count);
        (await kit.Manager.InviteAsync(kit.Owner, request with { WhenPending = PendingInvitationChoice.Resend })).ShouldFailWith(InvitationErrorCode.IdempotencyKeyReused);
        (await kit.Manager.CheckInviteAsync(kit.Owner, request with { WhenPending = PendingInvitationChoice.Resend })).ShouldFailWith(InvitationErrorCode.IdempotencyKeyReused);
    }

    [Fact]
    public async Task An_undefined_choice_is_refused_as_invalid_input()
    {
        await using var kit = await TestKit.CreateAsync();
        (await kit.Manager.InviteAsync(kit.Owner, Request((PendingInvitationChoice)7, new InviteRecipient("nina@example.com", "VIEWER"))))
            .ShouldFailWith(InvitationErrorCode.InvalidInput);
        (await kit.Manager.CheckInviteAsync(kit.Owner, Request((PendingInvitationChoice)7, new InviteRecipient("nina@example.com", "VIEWER"))))
            .ShouldFailWith(InvitationErrorCode.InvalidInput);
    }

    [Fact]
    public async Task A_dry_run_reissue_takes_no_seat_and_writes_nothing()
    {
        await using var kit = await TestKit.CreateAsync(userLimit: 2);
        var id = await kit.InviteOneAsync("nina@example.com");
        var before = kit.Stored(id);
        var check = (await kit.Manager.CheckInviteAsync(kit.Owner, Request(PendingInvitationChoice.Replace, new InviteRecipient("nina@example.com", "EDITOR")))).ShouldSucceed();
        Assert.True(check.CanInvite);
        Assert.Equal(0, check.Seats.Requested);
        Assert.Equal(["nina@example.com"], check.Reissued); // what a UI shows: replaced, not created
        Assert.Equal(before, kit.Stored(id));
        Assert.Empty((await kit.Manager.CheckInviteAsync(kit.Owner, Request(PendingInvitationChoice.Refuse, new InviteRecipient("other@example.com", "VIEWER")))).ShouldSucceed().Reissued);
    }
}
