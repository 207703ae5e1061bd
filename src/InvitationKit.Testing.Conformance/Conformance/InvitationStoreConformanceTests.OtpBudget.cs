using InvitationKit.Ports;
using NodaTime;
using Xunit;

namespace InvitationKit.Testing.Conformance;

/// <summary>The one-time-password failure budget: security state that must hold across instances and restarts.</summary>
public abstract partial class InvitationStoreConformanceTests
{
    private static readonly OtpFailureBudget Budget = new(PerWindow: 3, Window: Duration.FromHours(24), Lifetime: 5);

    /// <summary>A window grants its attempts, then refuses with the time left; the next window grants again.</summary>
    [StoreFact]
    public async Task The_otp_budget_refuses_past_the_window_and_renews_after_it()
    {
        for (var i = 0; i < Budget.PerWindow; i++)
        {
            Assert.True((await Store.TryReserveOtpAttemptAsync("v@example.com", Budget, T0 + Duration.FromMinutes(i), default).ConfigureAwait(false)).Reserved);
        }

        var refused = await Store.TryReserveOtpAttemptAsync("v@example.com", Budget, T0 + Duration.FromHours(1), default).ConfigureAwait(false);
        Assert.False(refused.Reserved);
        Assert.Equal(Duration.FromHours(23), refused.RetryAfter);
        Assert.True((await Store.TryReserveOtpAttemptAsync("other@example.com", Budget, T0, default).ConfigureAwait(false)).Reserved);
        Assert.True((await Store.TryReserveOtpAttemptAsync("v@example.com", Budget, T0 + Duration.FromHours(24), default).ConfigureAwait(false)).Reserved);
    }

    /// <summary>The lifetime total caps every window and is never renewed; a refusal says no time to wait.</summary>
    [StoreFact]
    public async Task The_otp_budget_lifetime_cap_is_never_renewed()
    {
        var granted = 0;
        for (var day = 0; day < 10; day++)
        {
            for (var i = 0; i < Budget.PerWindow; i++)
            {
                granted += (await Store.TryReserveOtpAttemptAsync("v@example.com", Budget, T0 + Duration.FromDays(day) + Duration.FromSeconds(i), default).ConfigureAwait(false)).Reserved ? 1 : 0;
            }
        }

        Assert.Equal(Budget.Lifetime, granted);
        var refused = await Store.TryReserveOtpAttemptAsync("v@example.com", Budget, T0 + Duration.FromDays(400), default).ConfigureAwait(false);
        Assert.False(refused.Reserved);
        Assert.Null(refused.RetryAfter);
    }

    /// <summary>A released attempt is returned to the window and the lifetime; releasing an unknown key does nothing.</summary>
    [StoreFact]
    public async Task A_released_otp_attempt_is_returned()
    {
        await Store.ReleaseOtpAttemptAsync("nobody@example.com", default).ConfigureAwait(false);
        for (var i = 0; i < 20; i++)
        {
            Assert.True((await Store.TryReserveOtpAttemptAsync("v@example.com", Budget, T0, default).ConfigureAwait(false)).Reserved);
            await Store.ReleaseOtpAttemptAsync("v@example.com", default).ConfigureAwait(false);
        }

        Assert.True((await Store.TryReserveOtpAttemptAsync("v@example.com", Budget, T0, default).ConfigureAwait(false)).Reserved);
    }

    /// <summary>Reservations survive a new store instance (a restart) and are shared with other instances.</summary>
    [StoreFact]
    public async Task The_otp_budget_is_shared_by_every_store_instance()
    {
        var stores = await OpenManyAsync().ConfigureAwait(false);
        foreach (var store in stores.Take(Budget.PerWindow))
        {
            Assert.True((await store.TryReserveOtpAttemptAsync("v@example.com", Budget, T0, default).ConfigureAwait(false)).Reserved);
        }

        var restarted = (await OpenAsync().ConfigureAwait(false)).Store;
        Assert.False((await restarted.TryReserveOtpAttemptAsync("v@example.com", Budget, T0, default).ConfigureAwait(false)).Reserved);
    }

    /// <summary>However many reservations race on separate instances, no more than the window allows are granted.</summary>
    [StoreFact]
    public async Task Racing_otp_reservations_never_exceed_the_budget()
    {
        var stores = await OpenManyAsync().ConfigureAwait(false);
        var results = await RaceAsync(stores, (store, _) => Enumerable.Range(0, 4).Select(_ => store.TryReserveOtpAttemptAsync("v@example.com", Budget, T0, default))).ConfigureAwait(false);
        Assert.Equal(Budget.PerWindow, results.Count(r => r.Reserved));
    }
    /// <summary>
    /// An activation's first step reserves like <see cref="IInvitationStore.TryReserveOtpAttemptAsync"/> and, when it
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
        Assert.True(await Store.TryUpdateAsync(revoked with { Status = InvitationStatus.Revoked, ResolvedAt = T0, Revision = 2 }, 1, default).ConfigureAwait(false));

        for (var i = 0; i < Budget.PerWindow; i++)
        {
            var reservation = await Store.TryReserveOtpAttemptAndFindPendingAsync("v@example.com", Budget, T0, default).ConfigureAwait(false);
            Assert.True(reservation.Reserved);
            Assert.Equal([older.Id, newer.Id], reservation.PendingInvitations.Select(p => p.Id));
            AssertSame(older, reservation.PendingInvitations[0]);
        }

        var refused = await Store.TryReserveOtpAttemptAndFindPendingAsync("v@example.com", Budget, T0 + Duration.FromHours(1), default).ConfigureAwait(false);
        Assert.False(refused.Reserved);
        Assert.Equal(Duration.FromHours(23), refused.RetryAfter);
        Assert.Empty(refused.PendingInvitations);
        Assert.Empty((await Store.TryReserveOtpAttemptAndFindPendingAsync("nobody@example.com", Budget, T0, default).ConfigureAwait(false)).PendingInvitations);
    }

    /// <summary>An activation's acceptance releases the reserved attempt with the membership, and only when it is stored.</summary>
    [StoreFact]
    public async Task An_acceptance_releases_the_activation_attempt_only_when_stored()
    {
        var invitation = NewInvitation("acme", "v@example.com") with { Kind = InvitationKind.NewUser, UserId = null };
        await InsertAsync("acme", 10, invitation).ConfigureAwait(false);
        for (var i = 0; i < Budget.PerWindow; i++)
        {
            Assert.True((await Store.TryReserveOtpAttemptAsync("v@example.com", Budget, T0, default).ConfigureAwait(false)).Reserved);
        }

        var member = new Member("acme", "u-v", ["VIEWER"], false, T0, invitation.Id);
        var stale = new Acceptance(Accepted(invitation), 7, member, false) { ReleaseOtpAttemptOf = "v@example.com" };
        Assert.Equal(AcceptanceStatus.Conflict, (await Store.AcceptAsync(stale, default).ConfigureAwait(false)).Status);
        Assert.False((await Store.TryReserveOtpAttemptAsync("v@example.com", Budget, T0, default).ConfigureAwait(false)).Reserved);

        var acceptance = stale with { ExpectedRevision = invitation.Revision };
        Assert.Equal(AcceptanceStatus.Accepted, (await Store.AcceptAsync(acceptance, default).ConfigureAwait(false)).Status);
        AssertSameMember(member, await Store.FindMemberAsync("acme", "u-v", default).ConfigureAwait(false));
        Assert.True((await Store.TryReserveOtpAttemptAsync("v@example.com", Budget, T0, default).ConfigureAwait(false)).Reserved);
        Assert.False((await Store.TryReserveOtpAttemptAsync("v@example.com", Budget, T0, default).ConfigureAwait(false)).Reserved);
    }
}
