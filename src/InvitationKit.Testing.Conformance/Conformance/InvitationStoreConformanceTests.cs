using InvitationKit.Ports;
using NodaTime;
using Xunit;

namespace InvitationKit.Testing.Conformance;

/// <summary>
/// The contract every <see cref="IInvitationStore"/> must keep, as tests. A store author subclasses it, fills the hooks —
/// an empty database per test, and independent store instances over it — and gets the whole suite: round-trips of every
/// field, unknown ids, compare-and-swap, batch atomicity, seat counting, one pending invitation per address, acceptance,
/// owners, listing, cancellation, account isolation, the one-time-password failure budget, and races between several
/// store instances.
/// </summary>
/// <remarks>
/// xunit creates one instance per test: <see cref="CreateEmptyDatabaseAsync"/> runs before each test and
/// <see cref="DropDatabaseAsync"/> after it. Mark the subclass with <see cref="StoreAvailabilityAttribute"/> when its
/// database may be absent, so the suite is reported as skipped rather than failed or — worse — passed.
/// </remarks>
public abstract partial class InvitationStoreConformanceTests : IAsyncLifetime
{
    /// <summary>Workers used by the race tests; each opens its own store instance.</summary>
    protected const int Workers = 8;

    private static readonly Instant T0 = Instant.FromUtc(2026, 3, 1, 12, 0);
    private readonly List<StoreHandle> _handles = [];
    private IInvitationStore? _store;

    /// <summary>The store instance most tests use (the first one opened).</summary>
    protected IInvitationStore Store => _store ?? throw new InvalidOperationException("The store is opened in InitializeAsync.");

    /// <summary>Creates an empty database (or scope of one) for the current test.</summary>
    /// <returns>A task that completes when the database is ready.</returns>
    protected abstract Task CreateEmptyDatabaseAsync();

    /// <summary>
    /// Opens a store over the current test's database. Every call must return an independent instance — its own context,
    /// connection or process-local state — as separate application instances would have, so races in the suite are real.
    /// </summary>
    /// <returns>The store and what to dispose with it.</returns>
    protected abstract Task<StoreHandle> OpenStoreAsync();

    /// <summary>Removes the current test's database; by default nothing is done.</summary>
    /// <returns>A task that completes when the database is gone.</returns>
    protected virtual Task DropDatabaseAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        await CreateEmptyDatabaseAsync().ConfigureAwait(false);
        _store = (await OpenAsync().ConfigureAwait(false)).Store;
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        foreach (var handle in _handles)
        {
            await handle.DisposeAsync().ConfigureAwait(false);
        }

        await DropDatabaseAsync().ConfigureAwait(false);
    }

    // ---- round-trips and unknown ids -----------------------------------------------------------

    /// <summary>Every field of an invitation survives a write and a read, by id, by secret hash, by email.</summary>
    [StoreFact]
    public async Task Every_invitation_field_round_trips()
    {
        var full = NewInvitation("acme", "full@example.com") with
        {
            Kind = InvitationKind.NewUser,
            UserId = null,
            Roles = ["EDITOR", "USER_ADMIN", "r\u00e9le"],
            GrantsOwner = true,
            OtpHash = Hash(77),
            KeyId = 1_234_567_891,
            IssuedAt = T0 + Duration.FromTicks(7654321),
            ActivationClaimedAt = T0 + Duration.FromMinutes(3),
            Delivery = DeliveryState.Failed,
            SendCount = 3,
            DeliveryAttempts = 4,
            NextDeliveryAt = T0 + Duration.FromTicks(98765),
            CreatedAt = T0 + Duration.FromTicks(1234567),
            ExpiresAt = T0 + Duration.FromDays(7) + Duration.FromTicks(1),
        };
        var minimal = NewInvitation("acme", "min@example.com") with { Roles = [], OtpHash = null, UserId = "u-1", KeyId = 0 };
        await InsertAsync("acme", 10, full, minimal).ConfigureAwait(false);

        foreach (var expected in new[] { full, minimal })
        {
            AssertSame(expected, await Store.FindByIdAsync(expected.Id, default).ConfigureAwait(false));
            AssertSame(expected, await Store.FindBySecretHashAsync(expected.SecretHash, default).ConfigureAwait(false));
            AssertSame(expected, Assert.Single(await Store.FindPendingByEmailAsync(expected.EmailKey, "acme", default).ConfigureAwait(false)));
        }

        var resolved = full with { Status = InvitationStatus.Revoked, ResolvedAt = T0 + Duration.FromHours(1), ResolvedBy = "owner", Revision = 2 };
        Assert.True(await Store.TryUpdateAsync(resolved, 1, default).ConfigureAwait(false));
        AssertSame(resolved, await Store.FindByIdAsync(full.Id, default).ConfigureAwait(false));
    }

    /// <summary>Every field of a membership survives a write and a read.</summary>
    [StoreFact]
    public async Task Every_member_field_round_trips()
    {
        var owner = new Member("acme", "owner", ["A", "B"], IsOwner: true, T0 + Duration.FromTicks(99), InvitationId: null);
        Assert.True(await Store.TryAddFoundingOwnerAsync(owner, default).ConfigureAwait(false));
        AssertSameMember(owner, await Store.FindMemberAsync("acme", "owner", default).ConfigureAwait(false));

        var invitation = await InsertOneAsync("acme", "m@example.com").ConfigureAwait(false);
        var member = new Member("acme", "u-2", ["EDITOR"], IsOwner: false, T0 + Duration.FromHours(2), invitation.Id);
        Assert.Equal(AcceptanceStatus.Accepted, (await AcceptAsync(Store, invitation, member).ConfigureAwait(false)).Status);
        AssertSameMember(member, await Store.FindMemberAsync("acme", "u-2", default).ConfigureAwait(false));
    }

    /// <summary>Unknown ids, hashes, keys and accounts find nothing and change nothing.</summary>
    [StoreFact]
    public async Task Unknown_ids_find_nothing_and_change_nothing()
    {
        var ghost = NewInvitation("acme", "ghost@example.com");
        Assert.Null(await Store.FindByIdAsync(Guid.NewGuid(), default).ConfigureAwait(false));
        Assert.Null(await Store.FindBySecretHashAsync(Hash(1), default).ConfigureAwait(false));
        Assert.Empty(await Store.FindPendingByEmailAsync("nobody@example.com", null, default).ConfigureAwait(false));
        Assert.Equal(0, await Store.CountOccupiedSeatsAsync("nowhere", T0, default).ConfigureAwait(false));
        Assert.Null(await Store.FindMemberAsync("nowhere", "nobody", default).ConfigureAwait(false));
        Assert.False(await Store.TryUpdateAsync(ghost with { Revision = 2 }, 1, default).ConfigureAwait(false));
        Assert.Equal(AcceptanceStatus.Conflict, (await AcceptAsync(Store, ghost, new Member("acme", "u", [], false, T0, ghost.Id)).ConfigureAwait(false)).Status);
        Assert.Equal(MemberRemovalStatus.NotFound, await Store.RemoveMemberAsync("nowhere", "nobody", default).ConfigureAwait(false));
        Assert.Equal(0, (await Store.ListAsync(new InvitationQuery("nowhere"), T0, default).ConfigureAwait(false)).TotalCount);
        Assert.Equal(0, (await Store.ListMembersAsync("nowhere", 0, 10, default).ConfigureAwait(false)).TotalCount);
        Assert.Null(await Store.FindByIdAsync(ghost.Id, default).ConfigureAwait(false));
        Assert.Null(await Store.FindMemberAsync("acme", "u", default).ConfigureAwait(false));
    }

    // ---- compare-and-swap ----------------------------------------------------------------------

    /// <summary>An update with a stale revision is refused and changes nothing; the current revision wins.</summary>
    [StoreFact]
    public async Task Updates_are_compare_and_swap_on_the_revision()
    {
        var stored = await InsertOneAsync("acme", "a@example.com").ConfigureAwait(false);
        var first = stored with { Roles = ["FIRST"], Revision = 2 };
        var stale = stored with { Roles = ["STALE"], Revision = 2 };
        Assert.True(await Store.TryUpdateAsync(first, 1, default).ConfigureAwait(false));
        Assert.False(await Store.TryUpdateAsync(stale, 1, default).ConfigureAwait(false));
        AssertSame(first, await Store.FindByIdAsync(stored.Id, default).ConfigureAwait(false));
        Assert.True(await Store.TryUpdateAsync(first with { Roles = ["THIRD"], Revision = 3 }, 2, default).ConfigureAwait(false));
        Assert.Equal(["THIRD"], (await Store.FindByIdAsync(stored.Id, default).ConfigureAwait(false))!.Roles);
    }

    /// <summary>A new secret hash replaces the old one for lookups.</summary>
    [StoreFact]
    public async Task A_changed_secret_hash_replaces_the_old_one()
    {
        var stored = await InsertOneAsync("acme", "a@example.com").ConfigureAwait(false);
        var resent = stored with { SecretHash = Hash(4242), Revision = 2 };
        Assert.True(await Store.TryUpdateAsync(resent, 1, default).ConfigureAwait(false));
        Assert.Null(await Store.FindBySecretHashAsync(stored.SecretHash, default).ConfigureAwait(false));
        Assert.Equal(stored.Id, (await Store.FindBySecretHashAsync(resent.SecretHash, default).ConfigureAwait(false))?.Id);
    }

    // ---- batch insert: atomicity, seats, one pending per address -------------------------------

    /// <summary>A batch that exceeds the limit inserts nothing and reports the occupied seats.</summary>
    [StoreFact]
    public async Task A_batch_over_the_limit_inserts_nothing()
    {
        await InsertAsync("acme", 5, NewInvitation("acme", "a@example.com"), NewInvitation("acme", "b@example.com")).ConfigureAwait(false);
        var batch = new[] { NewInvitation("acme", "c@example.com"), NewInvitation("acme", "d@example.com"), NewInvitation("acme", "e@example.com"), NewInvitation("acme", "f@example.com") };
        var result = await Store.InsertBatchAsync(new InvitationBatch("acme", 5, T0, batch), default).ConfigureAwait(false);
        Assert.Equal(BatchInsertStatus.SeatsExhausted, result.Status);
        Assert.Equal(2, result.OccupiedSeats);
        foreach (var invitation in batch)
        {
            Assert.Null(await Store.FindByIdAsync(invitation.Id, default).ConfigureAwait(false));
        }

        Assert.Equal(BatchInsertStatus.Inserted, (await Store.InsertBatchAsync(new InvitationBatch("acme", 5, T0, batch[..3]), default).ConfigureAwait(false)).Status);
        Assert.Equal(5, await Store.CountOccupiedSeatsAsync("acme", T0, default).ConfigureAwait(false));
    }

    /// <summary>A batch naming an address that is already pending inserts nothing and names the address.</summary>
    [StoreFact]
    public async Task A_batch_with_a_pending_address_inserts_nothing()
    {
        await InsertOneAsync("acme", "dup@example.com").ConfigureAwait(false);
        var fresh = NewInvitation("acme", "fresh@example.com");
        var result = await Store.InsertBatchAsync(new InvitationBatch("acme", 100, T0, [fresh, NewInvitation("acme", "dup@example.com")]), default).ConfigureAwait(false);
        Assert.Equal(BatchInsertStatus.AlreadyPending, result.Status);
        Assert.Equal(["dup@example.com"], result.PendingEmailKeys);
        Assert.Null(await Store.FindByIdAsync(fresh.Id, default).ConfigureAwait(false));
    }

    /// <summary>Seats are members plus invitations stored as pending and not yet expired.</summary>
    [StoreFact]
    public async Task Seats_count_members_and_unexpired_pending_invitations_only()
    {
        await Store.TryAddFoundingOwnerAsync(new Member("acme", "owner", [], true, T0, null), default).ConfigureAwait(false);
        var live = NewInvitation("acme", "live@example.com");
        var expiring = NewInvitation("acme", "expiring@example.com") with { ExpiresAt = T0 + Duration.FromHours(1) };
        var revoked = NewInvitation("acme", "revoked@example.com");
        await InsertAsync("acme", 100, live, expiring, revoked).ConfigureAwait(false);
        await Store.TryUpdateAsync(revoked with { Status = InvitationStatus.Revoked, Revision = 2 }, 1, default).ConfigureAwait(false);

        Assert.Equal(3, await Store.CountOccupiedSeatsAsync("acme", T0, default).ConfigureAwait(false));
        Assert.Equal(3, await Store.CountOccupiedSeatsAsync("acme", T0 + Duration.FromHours(1) - Duration.FromTicks(1), default).ConfigureAwait(false));
        Assert.Equal(2, await Store.CountOccupiedSeatsAsync("acme", T0 + Duration.FromHours(1), default).ConfigureAwait(false));
    }

    /// <summary>An overdue pending invitation neither takes a seat nor blocks a new invitation to the same address.</summary>
    [StoreFact]
    public async Task An_overdue_invitation_frees_its_seat_and_its_address()
    {
        var old = NewInvitation("acme", "a@example.com") with { ExpiresAt = T0 + Duration.FromHours(1) };
        await InsertAsync("acme", 1, old).ConfigureAwait(false);
        var later = T0 + Duration.FromHours(2);
        var renewed = NewInvitation("acme", "a@example.com") with { CreatedAt = later, ExpiresAt = later + Duration.FromDays(7) };
        var result = await Store.InsertBatchAsync(new InvitationBatch("acme", 1, later, [renewed]), default).ConfigureAwait(false);
        Assert.Equal(BatchInsertStatus.Inserted, result.Status);
        Assert.Equal(0, result.OccupiedSeats);
        var pending = await Store.FindPendingByEmailAsync("a@example.com", "acme", default).ConfigureAwait(false);
        Assert.Contains(pending, i => i.Id == renewed.Id);
        Assert.DoesNotContain(pending, i => i.Id == old.Id && i.ExpiresAt > later);
    }

    /// <summary>The same address may be pending in different accounts; accounts never see each other's data.</summary>
    [StoreFact]
    public async Task Accounts_are_isolated()
    {
        await Store.TryAddFoundingOwnerAsync(new Member("acme", "owner", [], true, T0, null), default).ConfigureAwait(false);
        await InsertOneAsync("acme", "same@example.com").ConfigureAwait(false);
        var other = await InsertOneAsync("globex", "same@example.com").ConfigureAwait(false);
        Assert.Equal(2, await Store.CountOccupiedSeatsAsync("acme", T0, default).ConfigureAwait(false));
        Assert.Equal(1, await Store.CountOccupiedSeatsAsync("globex", T0, default).ConfigureAwait(false));
        Assert.Equal(2, (await Store.FindPendingByEmailAsync("same@example.com", null, default).ConfigureAwait(false)).Count);
        Assert.Equal(other.Id, Assert.Single(await Store.FindPendingByEmailAsync("same@example.com", "globex", default).ConfigureAwait(false)).Id);
        Assert.Equal(other.Id, Assert.Single((await Store.ListAsync(new InvitationQuery("globex"), T0, default).ConfigureAwait(false)).Items).Id);
        Assert.Null(await Store.FindMemberAsync("globex", "owner", default).ConfigureAwait(false));
        Assert.True(await Store.TryAddFoundingOwnerAsync(new Member("globex", "boss", [], true, T0, null), default).ConfigureAwait(false));
    }

    /// <summary>Compensation deletes only invitations that were never changed.</summary>
    [StoreFact]
    public async Task Deleting_new_invitations_spares_changed_ones()
    {
        var untouched = NewInvitation("acme", "a@example.com");
        var changed = NewInvitation("acme", "b@example.com");
        await InsertAsync("acme", 10, untouched, changed).ConfigureAwait(false);
        await Store.TryUpdateAsync(changed with { Delivery = DeliveryState.Sent, Revision = 2 }, 1, default).ConfigureAwait(false);
        await Store.DeleteNewAsync([untouched.Id, changed.Id, Guid.NewGuid()], default).ConfigureAwait(false);
        Assert.Null(await Store.FindByIdAsync(untouched.Id, default).ConfigureAwait(false));
        Assert.NotNull(await Store.FindByIdAsync(changed.Id, default).ConfigureAwait(false));
    }

    // ---- acceptance, owners --------------------------------------------------------------------

    /// <summary>Acceptance changes the status and creates the membership together, or does neither.</summary>
    [StoreFact]
    public async Task Acceptance_is_atomic_with_the_membership()
    {
        var invitation = await InsertOneAsync("acme", "a@example.com").ConfigureAwait(false);
        var member = new Member("acme", "u1", ["EDITOR"], false, T0, invitation.Id);

        var stale = await Store.AcceptAsync(new Acceptance(Accepted(invitation), 7, member, false), default).ConfigureAwait(false);
        Assert.Equal(AcceptanceStatus.Conflict, stale.Status);
        Assert.Null(await Store.FindMemberAsync("acme", "u1", default).ConfigureAwait(false));
        Assert.Equal(InvitationStatus.Pending, (await Store.FindByIdAsync(invitation.Id, default).ConfigureAwait(false))!.Status);

        Assert.Equal(AcceptanceStatus.Accepted, (await AcceptAsync(Store, invitation, member).ConfigureAwait(false)).Status);
        Assert.Equal(InvitationStatus.Accepted, (await Store.FindByIdAsync(invitation.Id, default).ConfigureAwait(false))!.Status);
        Assert.NotNull(await Store.FindMemberAsync("acme", "u1", default).ConfigureAwait(false));
        Assert.Empty(await Store.FindPendingByEmailAsync("a@example.com", "acme", default).ConfigureAwait(false));
    }

    /// <summary>Accepting for a user who is already a member changes nothing.</summary>
    [StoreFact]
    public async Task Acceptance_by_an_existing_member_changes_nothing()
    {
        await Store.TryAddFoundingOwnerAsync(new Member("acme", "u1", ["OLD"], true, T0, null), default).ConfigureAwait(false);
        var invitation = await InsertOneAsync("acme", "a@example.com").ConfigureAwait(false);
        var result = await AcceptAsync(Store, invitation, new Member("acme", "u1", ["NEW"], false, T0, invitation.Id)).ConfigureAwait(false);
        Assert.Equal(AcceptanceStatus.AlreadyMember, result.Status);
        Assert.Equal(InvitationStatus.Pending, (await Store.FindByIdAsync(invitation.Id, default).ConfigureAwait(false))!.Status);
        Assert.Equal(["OLD"], (await Store.FindMemberAsync("acme", "u1", default).ConfigureAwait(false))!.Roles);
    }

    /// <summary>For latest-account-only products the store tracks the active account and reports the superseded one.</summary>
    [StoreFact]
    public async Task Acceptance_tracks_the_active_account_per_product()
    {
        var first = await InsertOneAsync("acme", "a@example.com").ConfigureAwait(false);
        var second = await InsertOneAsync("globex", "a@example.com").ConfigureAwait(false);
        var third = await InsertOneAsync("initech", "a@example.com").ConfigureAwait(false);
        Assert.Null((await AcceptAsync(Store, first, new Member("acme", "u1", [], false, T0, first.Id), activate: true).ConfigureAwait(false)).SupersededAccountId);
        Assert.Equal("acme", (await AcceptAsync(Store, second, new Member("globex", "u1", [], false, T0, second.Id), activate: true).ConfigureAwait(false)).SupersededAccountId);
        Assert.Null((await AcceptAsync(Store, third, new Member("initech", "u1", [], false, T0, third.Id), activate: false).ConfigureAwait(false)).SupersededAccountId);
    }

    /// <summary>
    /// A founding owner's account counts as their active account: for a user with no active account yet, accepting into
    /// another account of a latest-account-only product reports the account they founded as superseded.
    /// </summary>
    [StoreFact]
    public async Task A_founding_owners_account_is_their_active_account()
    {
        await Store.TryAddFoundingOwnerAsync(new Member("acme", "u1", [], true, T0, null), default).ConfigureAwait(false);
        var invitation = await InsertOneAsync("globex", "a@example.com").ConfigureAwait(false);
        Assert.Equal("acme", (await AcceptAsync(Store, invitation, new Member("globex", "u1", [], false, T0, invitation.Id), activate: true).ConfigureAwait(false)).SupersededAccountId);
        var next = await InsertOneAsync("initech", "a@example.com").ConfigureAwait(false);
        Assert.Equal("globex", (await AcceptAsync(Store, next, new Member("initech", "u1", [], false, T0, next.Id), activate: true).ConfigureAwait(false)).SupersededAccountId);
    }

    /// <summary>A founding owner is added only to an account without members.</summary>
    [StoreFact]
    public async Task A_founding_owner_needs_an_empty_account()
    {
        Assert.True(await Store.TryAddFoundingOwnerAsync(new Member("acme", "first", [], true, T0, null), default).ConfigureAwait(false));
        Assert.False(await Store.TryAddFoundingOwnerAsync(new Member("acme", "second", [], true, T0, null), default).ConfigureAwait(false));
        Assert.Equal(1, (await Store.ListMembersAsync("acme", 0, 10, default).ConfigureAwait(false)).TotalCount);
    }

    /// <summary>The last owner is never removed; other members are.</summary>
    [StoreFact]
    public async Task The_last_owner_is_never_removed()
    {
        await Store.TryAddFoundingOwnerAsync(new Member("acme", "owner", [], true, T0, null), default).ConfigureAwait(false);
        var invitation = await InsertOneAsync("acme", "a@example.com").ConfigureAwait(false);
        await AcceptAsync(Store, invitation, new Member("acme", "u1", [], false, T0, invitation.Id)).ConfigureAwait(false);
        Assert.Equal(MemberRemovalStatus.LastOwner, await Store.RemoveMemberAsync("acme", "owner", default).ConfigureAwait(false));
        Assert.Equal(MemberRemovalStatus.Removed, await Store.RemoveMemberAsync("acme", "u1", default).ConfigureAwait(false));
        Assert.Equal(MemberRemovalStatus.NotFound, await Store.RemoveMemberAsync("acme", "u1", default).ConfigureAwait(false));
        Assert.NotNull(await Store.FindMemberAsync("acme", "owner", default).ConfigureAwait(false));
    }

    // ---- listing ---------------------------------------------------------------------------------

    /// <summary>Listing filters by effective status, pages newest first and counts the total.</summary>
    [StoreFact]
    public async Task Listing_filters_by_effective_status_and_pages_newest_first()
    {
        var invitations = Enumerable.Range(0, 7)
            .Select(i => NewInvitation("acme", $"p{i}@example.com") with { CreatedAt = T0 + Duration.FromMinutes(i), ExpiresAt = T0 + Duration.FromDays(i < 2 ? 1 : 7) })
            .ToArray();
        await InsertAsync("acme", 100, invitations).ConfigureAwait(false);
        await Store.TryUpdateAsync(invitations[6] with { Status = InvitationStatus.Revoked, Revision = 2 }, 1, default).ConfigureAwait(false);
        var now = T0 + Duration.FromDays(2);

        var all = await Store.ListAsync(new InvitationQuery("acme", Limit: 3), now, default).ConfigureAwait(false);
        Assert.Equal(7, all.TotalCount);
        Assert.Equal(["p6@example.com", "p5@example.com", "p4@example.com"], all.Items.Select(i => i.Email));

        var pending = await Store.ListAsync(new InvitationQuery("acme", InvitationStatus.Pending, Offset: 1, Limit: 2), now, default).ConfigureAwait(false);
        Assert.Equal(4, pending.TotalCount);
        Assert.Equal(["p4@example.com", "p3@example.com"], pending.Items.Select(i => i.Email));

        var expired = await Store.ListAsync(new InvitationQuery("acme", InvitationStatus.Expired), now, default).ConfigureAwait(false);
        Assert.Equal(["p1@example.com", "p0@example.com"], expired.Items.Select(i => i.Email));

        var revoked = await Store.ListAsync(new InvitationQuery("acme", InvitationStatus.Revoked), now, default).ConfigureAwait(false);
        Assert.Equal(["p6@example.com"], revoked.Items.Select(i => i.Email));
        Assert.Empty((await Store.ListAsync(new InvitationQuery("acme", Offset: 50), now, default).ConfigureAwait(false)).Items);
    }

    /// <summary>Overdue invitations are found oldest expiry first, up to the limit, and only while stored as pending.</summary>
    [StoreFact]
    public async Task Overdue_invitations_are_found_up_to_the_limit()
    {
        var invitations = Enumerable.Range(0, 5)
            .Select(i => NewInvitation("acme", $"o{i}@example.com") with { ExpiresAt = T0 + Duration.FromHours(i + 1) })
            .ToArray();
        await InsertAsync("acme", 100, invitations).ConfigureAwait(false);
        var now = T0 + Duration.FromHours(4);
        Assert.Equal([invitations[0].Id, invitations[1].Id], (await Store.FindOverdueAsync(now, 2, default).ConfigureAwait(false)).Select(i => i.Id));
        Assert.Equal(4, (await Store.FindOverdueAsync(now, 10, default).ConfigureAwait(false)).Count);
        await Store.TryUpdateAsync(invitations[0] with { Status = InvitationStatus.Expired, Revision = 2 }, 1, default).ConfigureAwait(false);
        Assert.Equal(3, (await Store.FindOverdueAsync(now, 10, default).ConfigureAwait(false)).Count);
    }

    /// <summary>Members are listed by join time, paged.</summary>
    [StoreFact]
    public async Task Members_are_listed_by_join_time()
    {
        await Store.TryAddFoundingOwnerAsync(new Member("acme", "owner", [], true, T0, null), default).ConfigureAwait(false);
        for (var i = 0; i < 3; i++)
        {
            var invitation = await InsertOneAsync("acme", $"m{i}@example.com").ConfigureAwait(false);
            await AcceptAsync(Store, invitation, new Member("acme", $"u{i}", [], false, T0 + Duration.FromMinutes(i + 1), invitation.Id)).ConfigureAwait(false);
        }

        var page = await Store.ListMembersAsync("acme", 1, 2, default).ConfigureAwait(false);
        Assert.Equal(4, page.TotalCount);
        Assert.Equal(["u0", "u1"], page.Items.Select(m => m.UserId));
    }

    // ---- cancellation ----------------------------------------------------------------------------

    /// <summary>A cancelled token throws and writes nothing.</summary>
    [StoreFact]
    public async Task A_cancelled_token_throws_and_writes_nothing()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync().ConfigureAwait(false);
        var invitation = NewInvitation("acme", "a@example.com");
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store.InsertBatchAsync(new InvitationBatch("acme", 10, T0, [invitation]), cancelled.Token)).ConfigureAwait(false);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store.FindByIdAsync(invitation.Id, cancelled.Token)).ConfigureAwait(false);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store.TryAddFoundingOwnerAsync(new Member("acme", "o", [], true, T0, null), cancelled.Token)).ConfigureAwait(false);
        Assert.Null(await Store.FindByIdAsync(invitation.Id, default).ConfigureAwait(false));
        Assert.Null(await Store.FindMemberAsync("acme", "o", default).ConfigureAwait(false));
    }

    // ---- races between store instances ------------------------------------------------------------

    /// <summary>Store instances racing batches for the last seats never push the account past its limit.</summary>
    [StoreFact]
    public async Task Racing_batches_never_exceed_the_limit()
    {
        const int Limit = 10;
        var stores = await OpenManyAsync().ConfigureAwait(false);
        var results = await RaceAsync(stores, (store, worker) => Enumerable.Range(0, 3).Select(async round =>
            (await store.InsertBatchAsync(new InvitationBatch("acme", Limit, T0, [NewInvitation("acme", $"w{worker}r{round}a@example.com"), NewInvitation("acme", $"w{worker}r{round}b@example.com")]), default).ConfigureAwait(false)).Status)).ConfigureAwait(false);
        Assert.Equal(Limit / 2, results.Count(s => s == BatchInsertStatus.Inserted));
        Assert.Equal(Limit, await Store.CountOccupiedSeatsAsync("acme", T0, default).ConfigureAwait(false));
    }

    /// <summary>Store instances racing to invite the same address leave exactly one pending invitation.</summary>
    [StoreFact]
    public async Task Racing_inserts_of_one_address_leave_one_pending_invitation()
    {
        var stores = await OpenManyAsync().ConfigureAwait(false);
        var results = await RaceAsync<BatchInsertStatus>(stores, (store, worker) => [Task.Run(async () =>
            (await store.InsertBatchAsync(new InvitationBatch("acme", 100, T0, [NewInvitation("acme", "same@example.com")]), default).ConfigureAwait(false)).Status)]).ConfigureAwait(false);
        Assert.Equal(1, results.Count(s => s == BatchInsertStatus.Inserted));
        Assert.Single(await Store.FindPendingByEmailAsync("same@example.com", "acme", default).ConfigureAwait(false));
    }

    /// <summary>Store instances racing to accept and to revoke one invitation: exactly one wins.</summary>
    [StoreFact]
    public async Task Racing_accept_and_revoke_have_exactly_one_winner()
    {
        for (var round = 0; round < 5; round++)
        {
            var invitation = await InsertOneAsync("acme", $"race{round}@example.com").ConfigureAwait(false);
            var stores = await OpenManyAsync().ConfigureAwait(false);
            var wins = await RaceAsync<bool>(stores, (store, worker) => [Task.Run(async () => worker % 2 == 0
                ? (await AcceptAsync(store, invitation, new Member("acme", $"r{round}u{worker}", [], false, T0, invitation.Id)).ConfigureAwait(false)).Status == AcceptanceStatus.Accepted
                : await store.TryUpdateAsync(invitation with { Status = InvitationStatus.Revoked, Revision = 2 }, 1, default).ConfigureAwait(false))]).ConfigureAwait(false);
            Assert.Equal(1, wins.Count(w => w));
            var final = await Store.FindByIdAsync(invitation.Id, default).ConfigureAwait(false);
            var members = (await Store.ListMembersAsync("acme", 0, 1000, default).ConfigureAwait(false)).Items.Count(m => m.InvitationId == invitation.Id);
            Assert.Equal(final!.Status == InvitationStatus.Accepted ? 1 : 0, members);
        }
    }

    /// <summary>Two owners removing each other at once leave one owner.</summary>
    [StoreFact]
    public async Task Owners_removing_each_other_at_once_leave_one()
    {
        await Store.TryAddFoundingOwnerAsync(new Member("acme", "o0", [], true, T0, null), default).ConfigureAwait(false);
        var invitation = await InsertOneAsync("acme", "second@example.com").ConfigureAwait(false);
        await AcceptAsync(Store, invitation with { GrantsOwner = true }, new Member("acme", "o1", [], true, T0, invitation.Id)).ConfigureAwait(false);
        var stores = await OpenManyAsync().ConfigureAwait(false);
        await RaceAsync<MemberRemovalStatus>(stores, (store, worker) => [Task.Run(() => store.RemoveMemberAsync("acme", $"o{worker % 2}", default))]).ConfigureAwait(false);
        var owners = (await Store.ListMembersAsync("acme", 0, 10, default).ConfigureAwait(false)).Items.Count(m => m.IsOwner);
        Assert.Equal(1, owners);
    }

    // ---- helpers -----------------------------------------------------------------------------------

    /// <summary>A pending invitation at revision 1 with a unique secret hash, created at a fixed instant.</summary>
    /// <param name="accountId">The account.</param>
    /// <param name="email">The address (used as its own key).</param>
    /// <returns>The invitation.</returns>
    protected static Invitation NewInvitation(string accountId, string email) => new()
    {
        Id = Guid.NewGuid(),
        AccountId = accountId,
        ProductId = "cloud",
        Email = email,
        EmailKey = email,
        Kind = InvitationKind.ExistingUser,
        UserId = "user-of-" + email,
        Roles = ["VIEWER"],
        GrantsOwner = false,
        InvitedBy = "owner",
        CreatedAt = T0,
        ExpiresAt = T0 + Duration.FromDays(7),
        IssuedAt = T0,
        KeyId = 42,
        Status = InvitationStatus.Pending,
        SecretHash = Hash(Random.Shared.NextInt64()),
        Delivery = DeliveryState.NotSent,
        Revision = 1,
    };

    private static SecretHash Hash(long seed)
    {
        var bytes = new byte[SecretHash.Size];
        new Random(unchecked((int)seed ^ (int)(seed >> 32))).NextBytes(bytes);
        BitConverter.TryWriteBytes(bytes, seed);
        return new SecretHash(bytes);
    }

    private static Invitation Accepted(Invitation invitation) =>
        invitation with { Status = InvitationStatus.Accepted, ResolvedAt = T0, ResolvedBy = "u", Revision = invitation.Revision + 1 };

    private static Task<AcceptanceResult> AcceptAsync(IInvitationStore store, Invitation invitation, Member member, bool activate = false) =>
        store.AcceptAsync(new Acceptance(Accepted(invitation), invitation.Revision, member, activate), default);

    private async Task InsertAsync(string accountId, int limit, params Invitation[] invitations)
    {
        var result = await Store.InsertBatchAsync(new InvitationBatch(accountId, limit, T0, invitations), default).ConfigureAwait(false);
        Assert.Equal(BatchInsertStatus.Inserted, result.Status);
    }

    private async Task<Invitation> InsertOneAsync(string accountId, string email)
    {
        var invitation = NewInvitation(accountId, email);
        await InsertAsync(accountId, 1000, invitation).ConfigureAwait(false);
        return invitation;
    }

    private async Task<StoreHandle> OpenAsync()
    {
        var handle = await OpenStoreAsync().ConfigureAwait(false);
        _handles.Add(handle);
        return handle;
    }

    private async Task<IInvitationStore[]> OpenManyAsync()
    {
        var stores = new IInvitationStore[Workers];
        for (var i = 0; i < Workers; i++)
        {
            stores[i] = (await OpenAsync().ConfigureAwait(false)).Store;
        }

        return stores;
    }

    private static async Task<T[]> RaceAsync<T>(IInvitationStore[] stores, Func<IInvitationStore, int, IEnumerable<Task<T>>> work)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var workers = stores.Select((store, worker) => Task.Run(async () =>
        {
            await start.Task.ConfigureAwait(false);
            var results = new List<T>();
            foreach (var task in work(store, worker))
            {
                results.Add(await task.ConfigureAwait(false));
            }

            return results;
        })).ToArray();
        start.SetResult();
        return (await Task.WhenAll(workers).ConfigureAwait(false)).SelectMany(r => r).ToArray();
    }

    private static void AssertSame(Invitation expected, Invitation? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Roles, actual.Roles);
        Assert.Equal(expected, actual with { Roles = expected.Roles });
    }

    private static void AssertSameMember(Member expected, Member? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Roles, actual.Roles);
        Assert.Equal(expected, actual with { Roles = expected.Roles });
    }
}
