using InvitationKit.Ports;
using NodaTime;
using Xunit;

namespace InvitationKit.Testing.Conformance;

/// <summary>
/// The combined operations (<see cref="ICombinedStoreOperations"/>), the store's own or the kit's two-call ones: each
/// answers exactly as its separate calls do.
/// </summary>
public abstract partial class InvitationStoreConformanceTests
{
    /// <summary>
    /// A member's combined reads (<see cref="ICombinedStoreOperations.FindMemberAndCountOccupiedSeatsAsync"/>,
    /// <see cref="ICombinedStoreOperations.FindMemberAndListAsync"/>, <see cref="ICombinedStoreOperations.FindMemberAndEmailDomainsAsync"/>)
    /// give the membership and exactly what the separate reads give: the seat count, the account's email domains (none, or
    /// several), and the page under every filter, by offset and by continuation token, with and without the total.
    /// </summary>
    [StoreFact]
    public async Task A_members_combined_reads_match_the_separate_reads()
    {
        await Members.TryAddFoundingOwnerAsync(new Member("acme", "owner", ["ADMIN"], true, T0, null), default).ConfigureAwait(false);
        var invitations = Enumerable.Range(0, 7)
            .Select(i => NewInvitation("acme", $"m{i}@example.com") with
            {
                CreatedAt = T0 + Duration.FromMinutes(i / 2),
                ExpiresAt = T0 + Duration.FromDays(i < 2 ? 1 : 7),
                Delivery = i % 3 == 0 ? DeliveryState.Failed : DeliveryState.Sent,
            })
            .ToArray();
        await InsertAsync("acme", 100, invitations).ConfigureAwait(false);
        await InsertOneAsync("globex", "m0@example.com").ConfigureAwait(false);
        await Invitations.TryUpdateAsync(invitations[6] with { Status = InvitationStatus.Revoked }, default).ConfigureAwait(false);
        var now = T0 + Duration.FromDays(2);
        var member = await Members.FindMemberAsync("acme", "owner", default).ConfigureAwait(false);

        var seats = await Combined.FindMemberAndCountOccupiedSeatsAsync("acme", "owner", now, default).ConfigureAwait(false);
        Assert.NotNull(member);
        foreach (var policy in new EmailDomain[][] { [], [new("b.example", EmailDomainKind.Allowed), new("a.example", EmailDomainKind.Verified)] })
        {
            await EmailDomains.SetEmailDomainsAsync("acme", policy, default).ConfigureAwait(false);
            await EmailDomains.SetEmailDomainsAsync("globex", [new("c.example", EmailDomainKind.Allowed)], default).ConfigureAwait(false);
            var domains = await Combined.FindMemberAndEmailDomainsAsync("acme", "owner", default).ConfigureAwait(false);
            Assert.Equivalent(member, domains.Member, strict: true);
            Assert.Equal(await EmailDomains.GetEmailDomainsAsync("acme", default).ConfigureAwait(false), domains.Value);
        }

        Assert.Equal(2, (await Combined.FindMemberAndEmailDomainsAsync("acme", "owner", default).ConfigureAwait(false)).Value.Count);

        Assert.Equivalent(member, seats.Member, strict: true);
        Assert.Equal(await Members.CountOccupiedSeatsAsync("acme", now, default).ConfigureAwait(false), seats.Value);

        var firstPage = await Invitations.ListAsync(new InvitationQuery("acme", Limit: 3), now, default).ConfigureAwait(false);
        InvitationQuery[] queries =
        [
            new("acme", Limit: 3),
            new("acme", Limit: 3, IncludeTotal: false),
            new("acme", InvitationStatus.Pending, Offset: 1, Limit: 2),
            new("acme", InvitationStatus.Expired),
            new("acme", InvitationStatus.Revoked, IncludeTotal: false),
            new("acme", Delivery: DeliveryState.Failed),
            new("acme", Limit: 2, ContinuationToken: firstPage.ContinuationToken),
            new("acme", InvitationStatus.Pending, Limit: 2, ContinuationToken: firstPage.ContinuationToken, IncludeTotal: false),
            new("acme", Offset: 50),
        ];
        foreach (var query in queries)
        {
            var expected = await Invitations.ListAsync(query, now, default).ConfigureAwait(false);
            var read = await Combined.FindMemberAndListAsync("owner", query, now, default).ConfigureAwait(false);
            Assert.Equivalent(member, read.Member, strict: true);
            var page = Assert.IsType<Page<Invitation>>(read.Value);
            Assert.Equal(expected.Items.Select(i => i.Id), page.Items.Select(i => i.Id));
            Assert.Equivalent(expected.Items, page.Items, strict: true);
            Assert.Equal((expected.TotalCount, expected.Offset, expected.HasMore, expected.ContinuationToken), (page.TotalCount, page.Offset, page.HasMore, page.ContinuationToken));
        }
    }

    /// <summary>
    /// Someone who is no member of the account — a member of another account, or nobody — gets no membership, and
    /// nothing of the account is read for them: no count, no page and no email domains.
    /// </summary>
    [StoreFact]
    public async Task A_combined_read_gives_a_stranger_nothing_of_the_account()
    {
        await Members.TryAddFoundingOwnerAsync(new Member("acme", "owner", [], true, T0, null), default).ConfigureAwait(false);
        await Members.TryAddFoundingOwnerAsync(new Member("globex", "stranger", [], true, T0, null), default).ConfigureAwait(false);
        await InsertOneAsync("acme", "a@example.com").ConfigureAwait(false);
        await EmailDomains.SetEmailDomainsAsync("acme", [new("acme.example", EmailDomainKind.Allowed)], default).ConfigureAwait(false);
        foreach (var user in new[] { "stranger", "nobody" })
        {
            Assert.Equal(new MemberRead<int>(null, 0), await Combined.FindMemberAndCountOccupiedSeatsAsync("acme", user, T0, default).ConfigureAwait(false));
            Assert.Equal(new MemberRead<Page<Invitation>?>(null, null), await Combined.FindMemberAndListAsync(user, new InvitationQuery("acme"), T0, default).ConfigureAwait(false));
            var domains = await Combined.FindMemberAndEmailDomainsAsync("acme", user, default).ConfigureAwait(false);
            Assert.Null(domains.Member);
            Assert.Empty(domains.Value);
        }

        Assert.Equal(2, (await Combined.FindMemberAndCountOccupiedSeatsAsync("acme", "owner", T0, default).ConfigureAwait(false)).Value);
    }

    /// <summary>
    /// An activation's first step reserves like <see cref="IOtpBudgetStore.TryReserveOtpAttemptAsync"/> and, when it
    /// reserved, reads the address's pending invitations in every account, oldest first; a refusal reads none.
    /// </summary>
    [StoreFact]
    public async Task Reserving_for_an_activation_reads_the_address_pending_invitations()
    {
        var older = NewInvitation("acme", "v@example.com") with
        {
            Kind = InvitationKind.NewUser,
            UserId = null,
            Roles = ["EDITOR", "r\u00e9le"],
            OtpHash = Hash(5),
            ActivationClaimedAt = T0 + Duration.FromTicks(3),
            NextDeliveryAt = T0 + Duration.FromTicks(4),
            DeliveryAttempts = 2,
        };
        var newer = NewInvitation("globex", "v@example.com") with { CreatedAt = T0 + Duration.FromMinutes(1) };
        var revoked = NewInvitation("initech", "v@example.com");
        await InsertAsync("acme", 10, older, NewInvitation("acme", "other@example.com")).ConfigureAwait(false);
        await InsertAsync("globex", 10, newer).ConfigureAwait(false);
        await InsertAsync("initech", 10, revoked).ConfigureAwait(false);
        Assert.NotNull(await Invitations.TryUpdateAsync(revoked with { Status = InvitationStatus.Revoked, ResolvedAt = T0 }, default).ConfigureAwait(false));

        for (var i = 0; i < Budget.PerWindow; i++)
        {
            var reservation = await Combined.TryReserveOtpAttemptAndFindPendingAsync("v@example.com", Attempt(i), Budget, T0, default).ConfigureAwait(false);
            Assert.True(reservation.Reservation.Reserved);
            Assert.Equal([older.Id, newer.Id], reservation.PendingInvitations.Select(p => p.Id));
            AssertSame(older, reservation.PendingInvitations[0]);
        }

        var refused = await Combined.TryReserveOtpAttemptAndFindPendingAsync("v@example.com", Attempt(100), Budget, T0 + Duration.FromHours(1), default).ConfigureAwait(false);
        Assert.Equal(new OtpAttemptReservation(false, Duration.FromHours(23)), refused.Reservation);
        Assert.Empty(refused.PendingInvitations);
        Assert.Empty((await Combined.TryReserveOtpAttemptAndFindPendingAsync("nobody@example.com", Attempt(0), Budget, T0, default).ConfigureAwait(false)).PendingInvitations);
    }

    /// <summary>
    /// An activation's first step counts only while the address has a live new-user code
    /// (<see cref="OtpFailureBudget.Guards"/>): guesses at an address with none — no invitation, an existing user's, an
    /// expired one — are granted uncounted and write nothing, however many there are.
    /// </summary>
    [StoreFact]
    public async Task Reserving_for_an_activation_counts_nothing_without_a_live_new_user_code()
    {
        var existing = NewInvitation("acme", "v@example.com");
        var expiring = NewInvitation("globex", "v@example.com") with { Kind = InvitationKind.NewUser, UserId = null, OtpHash = Hash(7), ExpiresAt = T0 + Duration.FromHours(1) };
        await InsertAsync("acme", 10, existing).ConfigureAwait(false);
        await InsertAsync("globex", 10, expiring).ConfigureAwait(false);
        foreach (var (key, at) in new[] { ("nobody@example.com", T0), ("v@example.com", T0 + Duration.FromHours(1)) })
        {
            for (var i = 0; i < Budget.Lifetime + 2; i++)
            {
                var read = await Combined.TryReserveOtpAttemptAndFindPendingAsync(key, Attempt(i), Budget, at, default).ConfigureAwait(false);
                Assert.True(read.Reservation.Reserved);
                Assert.Equal(key == "v@example.com" ? 2 : 0, read.PendingInvitations.Count);
            }
        }

        Assert.Equal(0, await OtpBudget.DeleteLapsedOtpFailuresAsync(Budget, T0 + Duration.FromDays(1000), default).ConfigureAwait(false));

        // While the code lives, the same guesses count.
        Assert.True((await Combined.TryReserveOtpAttemptAndFindPendingAsync("v@example.com", Attempt(0), Budget, T0, default).ConfigureAwait(false)).Reservation.Reserved);
        Assert.Equal(1, await OtpBudget.DeleteLapsedOtpFailuresAsync(Budget, T0 + Duration.FromDays(1000), default).ConfigureAwait(false));
    }

    /// <summary>An activation's acceptance releases the reserved attempt with the membership, and only when it is stored.</summary>
    [StoreFact]
    public async Task An_acceptance_releases_the_activation_attempt_only_when_stored()
    {
        var invitation = NewInvitation("acme", "v@example.com") with { Kind = InvitationKind.NewUser, UserId = null, OtpHash = Hash(3) };
        await InsertAsync("acme", 10, invitation).ConfigureAwait(false);
        for (var i = 0; i < Budget.PerWindow; i++)
        {
            Assert.True((await ReserveAsync("v@example.com", i, T0).ConfigureAwait(false)).Reserved);
        }

        var right = Attempt(Budget.PerWindow - 1);
        var member = new Member("acme", "u-v", ["VIEWER"], false, T0, invitation.Id);
        var stale = new Acceptance(Accepted(invitation with { Revision = 7 }), member, false);
        Assert.Equal(AcceptanceStatus.Conflict, (await Combined.AcceptAndReleaseOtpAttemptAsync(stale, "v@example.com", right, default).ConfigureAwait(false)).Status);
        Assert.False((await ReserveAsync("v@example.com", 100, T0).ConfigureAwait(false)).Reserved);

        var acceptance = new Acceptance(Accepted(invitation), member, false);
        Assert.Equal(AcceptanceStatus.Accepted, (await Combined.AcceptAndReleaseOtpAttemptAsync(acceptance, "v@example.com", right, default).ConfigureAwait(false)).Status);
        AssertSameMember(member, await Members.FindMemberAsync("acme", "u-v", default).ConfigureAwait(false));
        Assert.True((await ReserveAsync("v@example.com", 101, T0).ConfigureAwait(false)).Reserved);
        Assert.False((await ReserveAsync("v@example.com", 102, T0).ConfigureAwait(false)).Reserved);
    }

    /// <summary>
    /// The activation's first step is idempotent per attempt, as the reservation is: a retry of the same attempt after a
    /// lost reply is granted, reads the invitations again, and is counted once; its acceptance then returns it.
    /// </summary>
    [StoreFact]
    public async Task Reserving_the_same_activation_attempt_again_is_counted_once_and_returned_by_its_acceptance()
    {
        var invitation = NewInvitation("acme", "v@example.com") with { Kind = InvitationKind.NewUser, UserId = null, OtpHash = Hash(5) };
        await InsertAsync("acme", 10, invitation).ConfigureAwait(false);
        Assert.True((await ReserveAsync("v@example.com", 0, T0).ConfigureAwait(false)).Reserved); // a wrong code before
        for (var copy = 0; copy < 2; copy++)
        {
            var read = await Combined.TryReserveOtpAttemptAndFindPendingAsync("v@example.com", Attempt(1), Budget, T0, default).ConfigureAwait(false);
            Assert.True(read.Reservation.Reserved);
            Assert.Equal([invitation.Id], read.PendingInvitations.Select(p => p.Id));
        }

        var member = new Member("acme", "u-v", ["VIEWER"], false, T0, invitation.Id);
        var acceptance = new Acceptance(Accepted(invitation), member, false);
        Assert.Equal(AcceptanceStatus.Accepted, (await Combined.AcceptAndReleaseOtpAttemptAsync(acceptance, "v@example.com", Attempt(1), default).ConfigureAwait(false)).Status);
        await AssertAttemptsLeftAsync("v@example.com", Budget.PerWindow - 1).ConfigureAwait(false); // only the wrong code counts
    }

    /// <summary>An acceptance naming an attempt that is no longer the address's last reserved one releases nothing.</summary>
    [StoreFact]
    public async Task An_acceptance_naming_another_attempt_releases_nothing()
    {
        var invitation = NewInvitation("acme", "v@example.com") with { Kind = InvitationKind.NewUser, UserId = null, OtpHash = Hash(3) };
        await InsertAsync("acme", 10, invitation).ConfigureAwait(false);
        Assert.True((await Combined.TryReserveOtpAttemptAndFindPendingAsync("v@example.com", Attempt(1), Budget, T0, default).ConfigureAwait(false)).Reservation.Reserved);
        Assert.True((await ReserveAsync("v@example.com", 2, T0).ConfigureAwait(false)).Reserved); // a racing guess
        var member = new Member("acme", "u-v", ["VIEWER"], false, T0, invitation.Id);
        var acceptance = new Acceptance(Accepted(invitation), member, false);
        Assert.Equal(AcceptanceStatus.Accepted, (await Combined.AcceptAndReleaseOtpAttemptAsync(acceptance, "v@example.com", Attempt(1), default).ConfigureAwait(false)).Status);
        await AssertAttemptsLeftAsync("v@example.com", Budget.PerWindow - 2).ConfigureAwait(false);
    }
}
