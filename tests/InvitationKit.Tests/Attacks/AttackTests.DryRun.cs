using InvitationKit.Limits;
using InvitationKit.Testing.Conformance;
using InvitationKit.Tests.Infrastructure;

namespace InvitationKit.Tests.Attacks;

/// <summary>
/// Issue 22, the dry run (<see cref="IInvitationManager.CheckInviteAsync"/>): it reports what the invite would, writes
/// nothing, and gives a prober nothing an invite would not — the same permission checks, answers and throttles.
/// </summary>
public abstract partial class AttackTests
{
    private static InviteRequest DryRunRequest(string? key, params string[] emails) =>
        new(TestKit.AccountId, TestKit.Product, [.. emails.Select(e => new InviteRecipient(e, "VIEWER"))], IdempotencyKey: key);

    [StoreFact]
    public async Task A_dry_run_creates_no_invitation_pending_user_mail_or_idempotency_key()
    {
        await using var kit = await KitAsync();
        kit.User("known@example.com");
        var before = await DryRunSnapshotAsync(kit);

        var check = (await kit.Manager.CheckInviteAsync(kit.Owner, DryRunRequest("k-1", "known@example.com", "new@example.com"))).ShouldSucceed();

        Assert.True(check.CanInvite, check.ToString());
        Assert.Equal(new SeatImpact(InvitationKitDefaults.DefaultUserLimit, 1, 2), check.Seats);
        Assert.False(check.Replays);
        Assert.Equal(before, await DryRunSnapshotAsync(kit));
        Assert.Null(await kit.Port.Invitations.FindIdempotentInviteAsync(TestKit.AccountId, "k-1", default));

        // The key was not spent: the invite under it creates the invitations; a check under it now sees the replay.
        var invited = (await kit.Manager.InviteAsync(kit.Owner, DryRunRequest("k-1", "known@example.com", "new@example.com"))).ShouldSucceed();
        Assert.Equal(2, invited.Invitations.Count);
        var replay = (await kit.Manager.CheckInviteAsync(kit.Owner, DryRunRequest("k-1", "known@example.com", "new@example.com"))).ShouldSucceed();
        Assert.Equal((true, true, 3, 0), (replay.CanInvite, replay.Replays, replay.Seats.Occupied, replay.Seats.Requested));
        (await kit.Manager.CheckInviteAsync(kit.Owner, DryRunRequest("k-1", "other@example.com"))).ShouldFailWith(InvitationErrorCode.IdempotencyKeyReused);
    }

    [StoreFact]
    public async Task A_dry_run_reports_the_problems_the_store_would_refuse_the_invite_for()
    {
        // No recipient problem: the invite is refused by the store's atomic check in the insert, the dry run by its reads.
        await using var kit = await KitAsync(o => o.DefaultUserLimit = 4);
        await MemberAsync(kit, "member@example.com");
        await kit.InviteOneAsync("pending@example.com");
        var request = DryRunRequest(null, "a@example.com", "member@example.com", "pending@example.com", "b@example.com");
        var before = await DryRunSnapshotAsync(kit);

        var check = (await kit.Manager.CheckInviteAsync(kit.Owner, request)).ShouldSucceed();
        Assert.Equal(before, await DryRunSnapshotAsync(kit));
        var invite = await kit.Manager.InviteAsync(kit.Owner, request);

        Assert.False(check.CanInvite);
        Assert.Equal(invite.Errors.Select(e => (e.Code, e.Recipient)), check.Problems.Select(e => (e.Code, e.Recipient)));
        Assert.Equal(
            [InvitationErrorCode.AlreadyMember, InvitationErrorCode.AlreadyInvited, InvitationErrorCode.UserLimitExceeded],
            check.Problems.Select(e => e.Code));
        Assert.Equal(new SeatImpact(4, 3, 2), check.Seats);
        Assert.Equal((0, 1), (check.Seats.AvailableAfter, check.Seats.Shortfall));
        Assert.Equal(check.Problems[^1].SeatLimit, new SeatLimitDetails(4, 3, 2));
        Assert.Equal(before, await DryRunSnapshotAsync(kit));
    }

    [StoreFact]
    public async Task Probing_other_tenants_account_ids_by_dry_run_gets_the_invites_PermissionDenied()
    {
        await using var kit = await KitAsync();
        var mallory = await kit.TenantAsync("globex");
        foreach (var account in new[] { TestKit.AccountId, "no-such-account" })
        {
            var request = DryRunRequest(null, "victim@example.com") with { AccountId = account };
            var invite = await kit.Manager.InviteAsync(mallory, request);
            var check = await kit.Manager.CheckInviteAsync(mallory, request);
            check.ShouldFailWith(InvitationErrorCode.PermissionDenied);
            Assert.Equal(invite.Errors.Select(e => (e.Code, e.Recipient)), check.Errors.Select(e => (e.Code, e.Recipient)));
        }
    }

    [StoreFact]
    public async Task Probing_registration_state_by_dry_run_with_hidden_registration_state_gets_one_answer()
    {
        await using var kit = await KitAsync(o => o.HideRegistrationState = true);
        kit.Accounts.Add(new AccountInfo(TestKit.AccountId, "Acme", OnlyRegisteredUsers: true));
        kit.Users.AddUser("known@example.com");

        // Every mode, for a registered and an unknown address: the same answer, no problem, one seat each.
        foreach (var mode in new[] { InviteMode.Auto, InviteMode.ExistingUser, InviteMode.NewUser })
        {
            var known = (await kit.Manager.CheckInviteAsync(kit.Owner, DryRunRequest(null, "known@example.com") with { Mode = mode })).ShouldSucceed();
            var stranger = (await kit.Manager.CheckInviteAsync(kit.Owner, DryRunRequest(null, "stranger@example.com") with { Mode = mode })).ShouldSucceed();
            Assert.Equal((true, 1), (known.CanInvite, known.Seats.Requested));
            Assert.Equal(known.ToString(), stranger.ToString());
        }
    }

    [StoreFact]
    public async Task Enumerating_by_dry_run_spends_the_same_throttle_as_inviting()
    {
        await using var kit = await KitAsync(o => o.RateLimits = new InvitationRateLimitOptions { InvitesPerActor = new RateLimitRule(5, Duration.FromHours(1)) });

        (await kit.Manager.CheckInviteAsync(kit.Owner, DryRunRequest(null, "p1@example.com", "p2@example.com", "p3@example.com"))).ShouldSucceed();
        (await kit.Manager.CheckInviteAsync(kit.Owner, DryRunRequest(null, "p4@example.com", "p5@example.com", "p6@example.com"))).ShouldFailWith(InvitationErrorCode.RateLimited);

        // The budget is the invite's: what is left (2) is all an invite gets, and a dry run cannot refill it.
        (await kit.Manager.InviteAsync(kit.Owner, DryRunRequest(null, "p1@example.com", "p2@example.com", "p3@example.com"))).ShouldFailWith(InvitationErrorCode.RateLimited);
        (await kit.Manager.InviteAsync(kit.Owner, DryRunRequest(null, "p1@example.com", "p2@example.com"))).ShouldSucceed();
        (await kit.Manager.CheckInviteAsync(kit.Owner, DryRunRequest(null, "p3@example.com"))).ShouldFailWith(InvitationErrorCode.RateLimited);
    }

    /// <summary>Everything a dry run must leave as it was: the invitations (each one's outbox lease), seats, users and mail.</summary>
    private static async Task<string> DryRunSnapshotAsync(TestKit kit)
    {
        var page = (await kit.Manager.ListAsync(kit.Owner, new InvitationQuery(TestKit.AccountId, Limit: 100))).ShouldSucceed();
        var invitations = new List<string>();
        foreach (var view in page.Items)
        {
            var stored = await kit.StoredAsync(view.Id);
            invitations.Add($"{stored.Id}:{stored.Revision}:{stored.Status}:{stored.NextDeliveryAt}");
        }

        var seats = (await kit.Manager.GetSeatUsageAsync(kit.Owner, TestKit.AccountId)).ShouldSucceed();
        var users = string.Join(",", kit.Users.Users.Select(u => $"{u.Id}:{u.State}").Order(StringComparer.Ordinal));
        return $"{string.Join(",", invitations.Order(StringComparer.Ordinal))}|{seats}|{users}|{kit.Mailer.Sent.Count}";
    }
}
