using InvitationKit.Ports;
using NodaTime;
using Xunit;

namespace InvitationKit.Testing.Conformance;

/// <summary>The <see cref="IInvitationStore"/> role: every field, compare-and-swap, atomic batches, seats, one pending invitation per address, listing, and races.</summary>
public abstract partial class InvitationStoreConformanceTests
{
    /// <summary>Every field of an invitation survives a write and a read, by id, by secret hash, by email — the options per invitation (rule 25) too.</summary>
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
            HostDelivered = true,
            Lifetime = Duration.FromDays(7) + Duration.FromTicks(1),
            Metadata = SomeMetadata(),
            ReturnUrl = "https://app.example.com/welcome?x='1'&y=%22#z",
            Language = "zh-Hant-TW",
        };
        var minimal = NewInvitation("acme", "min@example.com") with { Roles = [], OtpHash = null, UserId = "u-1", KeyId = 0, Delivery = DeliveryState.HandedToHost };
        await InsertAsync("acme", 10, full, minimal).ConfigureAwait(false);

        foreach (var expected in new[] { full, minimal })
        {
            AssertSame(expected, await Invitations.FindByIdAsync(expected.Id, default).ConfigureAwait(false));
            AssertSame(expected, await Invitations.FindBySecretHashAsync(expected.SecretHash, default).ConfigureAwait(false));
            AssertSame(expected, Assert.Single(await Invitations.FindPendingByEmailAsync(expected.EmailKey, "acme", default).ConfigureAwait(false)));
        }

        var resolved = full with { Status = InvitationStatus.Revoked, ResolvedAt = T0 + Duration.FromHours(1), ResolvedBy = "owner", PendingUserReleaseDue = true };
        AssertSame(resolved with { Revision = 2 }, await Invitations.TryUpdateAsync(resolved, default).ConfigureAwait(false));
        AssertSame(resolved with { Revision = 2 }, await Invitations.FindByIdAsync(full.Id, default).ConfigureAwait(false));
    }

    /// <summary>Unknown ids, hashes, keys and accounts find nothing and change nothing.</summary>
    [StoreFact]
    public async Task Unknown_ids_find_nothing_and_change_nothing()
    {
        var ghost = NewInvitation("acme", "ghost@example.com");
        Assert.Null(await Invitations.FindByIdAsync(Guid.NewGuid(), default).ConfigureAwait(false));
        Assert.Null(await Invitations.FindBySecretHashAsync(Hash(1), default).ConfigureAwait(false));
        Assert.Empty(await Invitations.FindPendingByEmailAsync("nobody@example.com", null, default).ConfigureAwait(false));
        Assert.Equal(0, await Members.CountOccupiedSeatsAsync("nowhere", T0, default).ConfigureAwait(false));
        Assert.Null(await Members.FindMemberAsync("nowhere", "nobody", default).ConfigureAwait(false));
        Assert.Null(await Invitations.TryUpdateAsync(ghost, default).ConfigureAwait(false));
        Assert.Equal(AcceptanceStatus.Conflict, (await AcceptAsync(Stores, ghost, new Member("acme", "u", [], false, T0, ghost.Id)).ConfigureAwait(false)).Status);
        Assert.Equal(MemberRemovalStatus.NotFound, await Members.RemoveMemberAsync("nowhere", "nobody", default).ConfigureAwait(false));
        Assert.Equal(0, (await Invitations.ListAsync(new InvitationQuery("nowhere"), T0, default).ConfigureAwait(false)).TotalCount);
        Assert.Equal(0, (await Members.ListMembersAsync("nowhere", 0, 10, default).ConfigureAwait(false)).TotalCount);
        Assert.Null(await Invitations.FindByIdAsync(ghost.Id, default).ConfigureAwait(false));
        Assert.Null(await Members.FindMemberAsync("acme", "u", default).ConfigureAwait(false));
    }

    /// <summary>
    /// An update is a compare-and-swap on the revision it was read at, and the store advances the revision itself: a stale
    /// update is refused and changes nothing; the current revision wins.
    /// </summary>
    [StoreFact]
    public async Task Updates_are_compare_and_swap_on_the_revision()
    {
        var stored = await InsertOneAsync("acme", "a@example.com").ConfigureAwait(false);
        var first = await Invitations.TryUpdateAsync(stored with { Roles = ["FIRST"] }, default).ConfigureAwait(false);
        AssertSame(stored with { Roles = ["FIRST"], Revision = 2 }, first);
        Assert.Null(await Invitations.TryUpdateAsync(stored with { Roles = ["STALE"] }, default).ConfigureAwait(false));
        AssertSame(first!, await Invitations.FindByIdAsync(stored.Id, default).ConfigureAwait(false));
        Assert.Equal(3, (await Invitations.TryUpdateAsync(first! with { Roles = ["THIRD"] }, default).ConfigureAwait(false))?.Revision);
        AssertSame(stored with { Roles = ["THIRD"], Revision = 3 }, await Invitations.FindByIdAsync(stored.Id, default).ConfigureAwait(false));
    }

    /// <summary>A new secret hash replaces the old one for lookups.</summary>
    [StoreFact]
    public async Task A_changed_secret_hash_replaces_the_old_one()
    {
        var stored = await InsertOneAsync("acme", "a@example.com").ConfigureAwait(false);
        var resent = stored with { SecretHash = Hash(4242) };
        Assert.NotNull(await Invitations.TryUpdateAsync(resent, default).ConfigureAwait(false));
        Assert.Null(await Invitations.FindBySecretHashAsync(stored.SecretHash, default).ConfigureAwait(false));
        Assert.Equal(stored.Id, (await Invitations.FindBySecretHashAsync(resent.SecretHash, default).ConfigureAwait(false))?.Id);
    }

    /// <summary>A batch that exceeds the limit inserts nothing and reports the occupied seats.</summary>
    [StoreFact]
    public async Task A_batch_over_the_limit_inserts_nothing()
    {
        await InsertAsync("acme", 5, NewInvitation("acme", "a@example.com"), NewInvitation("acme", "b@example.com")).ConfigureAwait(false);
        var batch = new[] { NewInvitation("acme", "c@example.com"), NewInvitation("acme", "d@example.com"), NewInvitation("acme", "e@example.com"), NewInvitation("acme", "f@example.com") };
        var result = await Invitations.InsertBatchAsync(new InvitationBatch("acme", 5, T0, batch), default).ConfigureAwait(false);
        Assert.Equal(BatchInsertStatus.SeatsExhausted, result.Status);
        Assert.Equal(2, result.OccupiedSeats);
        foreach (var invitation in batch)
        {
            Assert.Null(await Invitations.FindByIdAsync(invitation.Id, default).ConfigureAwait(false));
        }

        Assert.Equal(BatchInsertStatus.Inserted, (await Invitations.InsertBatchAsync(new InvitationBatch("acme", 5, T0, batch[..3]), default).ConfigureAwait(false)).Status);
        Assert.Equal(5, await Members.CountOccupiedSeatsAsync("acme", T0, default).ConfigureAwait(false));
    }

    /// <summary>A batch naming an address that is already pending inserts nothing and names the address.</summary>
    [StoreFact]
    public async Task A_batch_with_a_pending_address_inserts_nothing()
    {
        await InsertOneAsync("acme", "dup@example.com").ConfigureAwait(false);
        var fresh = NewInvitation("acme", "fresh@example.com");
        var result = await Invitations.InsertBatchAsync(new InvitationBatch("acme", 100, T0, [fresh, NewInvitation("acme", "dup@example.com")]), default).ConfigureAwait(false);
        Assert.Equal(BatchInsertStatus.AlreadyPending, result.Status);
        Assert.Equal(["dup@example.com"], result.PendingEmailKeys);
        Assert.Null(await Invitations.FindByIdAsync(fresh.Id, default).ConfigureAwait(false));
    }

    /// <summary>Seats are members plus invitations stored as pending and not yet expired.</summary>
    [StoreFact]
    public async Task Seats_count_members_and_unexpired_pending_invitations_only()
    {
        await Members.TryAddFoundingOwnerAsync(new Member("acme", "owner", [], true, T0, null), default).ConfigureAwait(false);
        var live = NewInvitation("acme", "live@example.com");
        var expiring = NewInvitation("acme", "expiring@example.com") with { ExpiresAt = T0 + Duration.FromHours(1) };
        var revoked = NewInvitation("acme", "revoked@example.com");
        await InsertAsync("acme", 100, live, expiring, revoked).ConfigureAwait(false);
        await Invitations.TryUpdateAsync(revoked with { Status = InvitationStatus.Revoked }, default).ConfigureAwait(false);

        Assert.Equal(3, await Members.CountOccupiedSeatsAsync("acme", T0, default).ConfigureAwait(false));
        Assert.Equal(3, await Members.CountOccupiedSeatsAsync("acme", T0 + Duration.FromHours(1) - Duration.FromTicks(1), default).ConfigureAwait(false));
        Assert.Equal(2, await Members.CountOccupiedSeatsAsync("acme", T0 + Duration.FromHours(1), default).ConfigureAwait(false));
    }

    /// <summary>An overdue pending invitation neither takes a seat nor blocks a new invitation to the same address.</summary>
    [StoreFact]
    public async Task An_overdue_invitation_frees_its_seat_and_its_address()
    {
        var old = NewInvitation("acme", "a@example.com") with { ExpiresAt = T0 + Duration.FromHours(1) };
        await InsertAsync("acme", 1, old).ConfigureAwait(false);
        var later = T0 + Duration.FromHours(2);
        var renewed = NewInvitation("acme", "a@example.com") with { CreatedAt = later, ExpiresAt = later + Duration.FromDays(7) };
        var result = await Invitations.InsertBatchAsync(new InvitationBatch("acme", 1, later, [renewed]), default).ConfigureAwait(false);
        Assert.Equal(BatchInsertStatus.Inserted, result.Status);
        Assert.Equal(0, result.OccupiedSeats);
        var pending = await Invitations.FindPendingByEmailAsync("a@example.com", "acme", default).ConfigureAwait(false);
        Assert.Contains(pending, i => i.Id == renewed.Id);
        Assert.DoesNotContain(pending, i => i.Id == old.Id && i.ExpiresAt > later);
    }

    /// <summary>The same address may be pending in different accounts; accounts never see each other's data.</summary>
    [StoreFact]
    public async Task Accounts_are_isolated()
    {
        await Members.TryAddFoundingOwnerAsync(new Member("acme", "owner", [], true, T0, null), default).ConfigureAwait(false);
        await InsertOneAsync("acme", "same@example.com").ConfigureAwait(false);
        var other = await InsertOneAsync("globex", "same@example.com").ConfigureAwait(false);
        Assert.Equal(2, await Members.CountOccupiedSeatsAsync("acme", T0, default).ConfigureAwait(false));
        Assert.Equal(1, await Members.CountOccupiedSeatsAsync("globex", T0, default).ConfigureAwait(false));
        Assert.Equal(2, (await Invitations.FindPendingByEmailAsync("same@example.com", null, default).ConfigureAwait(false)).Count);
        Assert.Equal(other.Id, Assert.Single(await Invitations.FindPendingByEmailAsync("same@example.com", "globex", default).ConfigureAwait(false)).Id);
        Assert.Equal(other.Id, Assert.Single((await Invitations.ListAsync(new InvitationQuery("globex"), T0, default).ConfigureAwait(false)).Items).Id);
        Assert.Null(await Members.FindMemberAsync("globex", "owner", default).ConfigureAwait(false));
        Assert.True(await Members.TryAddFoundingOwnerAsync(new Member("globex", "boss", [], true, T0, null), default).ConfigureAwait(false));
    }

    /// <summary>Compensation deletes only invitations that were never changed.</summary>
    [StoreFact]
    public async Task Deleting_new_invitations_spares_changed_ones()
    {
        var untouched = NewInvitation("acme", "a@example.com");
        var changed = NewInvitation("acme", "b@example.com");
        await InsertAsync("acme", 10, untouched, changed).ConfigureAwait(false);
        await Invitations.TryUpdateAsync(changed with { Delivery = DeliveryState.Sent }, default).ConfigureAwait(false);
        await Invitations.DeleteNewAsync([untouched.Id, changed.Id, Guid.NewGuid()], default).ConfigureAwait(false);
        Assert.Null(await Invitations.FindByIdAsync(untouched.Id, default).ConfigureAwait(false));
        Assert.NotNull(await Invitations.FindByIdAsync(changed.Id, default).ConfigureAwait(false));
    }

    /// <summary>Listing filters by effective status, pages newest first and counts the total.</summary>
    [StoreFact]
    public async Task Listing_filters_by_effective_status_and_pages_newest_first()
    {
        var invitations = Enumerable.Range(0, 7)
            .Select(i => NewInvitation("acme", $"p{i}@example.com") with { CreatedAt = T0 + Duration.FromMinutes(i), ExpiresAt = T0 + Duration.FromDays(i < 2 ? 1 : 7) })
            .ToArray();
        await InsertAsync("acme", 100, invitations).ConfigureAwait(false);
        await Invitations.TryUpdateAsync(invitations[6] with { Status = InvitationStatus.Revoked }, default).ConfigureAwait(false);
        var now = T0 + Duration.FromDays(2);

        var all = await Invitations.ListAsync(new InvitationQuery("acme", Limit: 3), now, default).ConfigureAwait(false);
        Assert.Equal(7, all.TotalCount);
        Assert.Equal(["p6@example.com", "p5@example.com", "p4@example.com"], all.Items.Select(i => i.Email));

        var pending = await Invitations.ListAsync(new InvitationQuery("acme", InvitationStatus.Pending, Offset: 1, Limit: 2), now, default).ConfigureAwait(false);
        Assert.Equal(4, pending.TotalCount);
        Assert.Equal(["p4@example.com", "p3@example.com"], pending.Items.Select(i => i.Email));

        var expired = await Invitations.ListAsync(new InvitationQuery("acme", InvitationStatus.Expired), now, default).ConfigureAwait(false);
        Assert.Equal(["p1@example.com", "p0@example.com"], expired.Items.Select(i => i.Email));

        var revoked = await Invitations.ListAsync(new InvitationQuery("acme", InvitationStatus.Revoked), now, default).ConfigureAwait(false);
        Assert.Equal(["p6@example.com"], revoked.Items.Select(i => i.Email));
        Assert.Empty((await Invitations.ListAsync(new InvitationQuery("acme", Offset: 50), now, default).ConfigureAwait(false)).Items);
    }

    /// <summary>Store instances racing batches for the last seats never push the account past its limit.</summary>
    [StoreFact]
    public async Task Racing_batches_never_exceed_the_limit()
    {
        const int Limit = 10;
        var stores = await OpenManyAsync().ConfigureAwait(false);
        var results = await RaceAsync(stores, (store, worker) => Enumerable.Range(0, 3).Select(async round =>
            (await store.Invitations.InsertBatchAsync(new InvitationBatch("acme", Limit, T0, [NewInvitation("acme", $"w{worker}r{round}a@example.com"), NewInvitation("acme", $"w{worker}r{round}b@example.com")]), default).ConfigureAwait(false)).Status)).ConfigureAwait(false);
        Assert.Equal(Limit / 2, results.Count(s => s == BatchInsertStatus.Inserted));
        Assert.Equal(Limit, await Members.CountOccupiedSeatsAsync("acme", T0, default).ConfigureAwait(false));
    }

    /// <summary>Store instances racing to invite the same address leave exactly one pending invitation.</summary>
    [StoreFact]
    public async Task Racing_inserts_of_one_address_leave_one_pending_invitation()
    {
        var stores = await OpenManyAsync().ConfigureAwait(false);
        var results = await RaceAsync<BatchInsertStatus>(stores, (store, worker) => [Task.Run(async () =>
            (await store.Invitations.InsertBatchAsync(new InvitationBatch("acme", 100, T0, [NewInvitation("acme", "same@example.com")]), default).ConfigureAwait(false)).Status)]).ConfigureAwait(false);
        Assert.Equal(1, results.Count(s => s == BatchInsertStatus.Inserted));
        Assert.Single(await Invitations.FindPendingByEmailAsync("same@example.com", "acme", default).ConfigureAwait(false));
    }
}
