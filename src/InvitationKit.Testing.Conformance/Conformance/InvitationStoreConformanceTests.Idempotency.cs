using InvitationKit.Ports;
using NodaTime;
using Xunit;

namespace InvitationKit.Testing.Conformance;

/// <summary>Idempotency keys, recorded with their batch by <see cref="IInvitationStore.InsertBatchAsync"/> and checked before anything else.</summary>
public abstract partial class InvitationStoreConformanceTests
{
    /// <summary>A batch's key is recorded with it, in the same step; a second batch under the key stores nothing.</summary>
    [StoreFact]
    public async Task An_idempotency_key_is_recorded_with_its_batch_and_refuses_a_second()
    {
        var first = NewInvitation("acme", "a@example.com");
        var keyed = new InvitationBatch("acme", 100, T0, [first, NewInvitation("acme", "b@example.com")]) { IdempotencyKey = "k-1", RequestFingerprint = "f1" };
        Assert.Equal(BatchInsertStatus.Inserted, (await Invitations.InsertBatchAsync(keyed, default).ConfigureAwait(false)).Status);
        var recorded = await Invitations.FindIdempotentInviteAsync("acme", "k-1", default).ConfigureAwait(false);
        Assert.NotNull(recorded);
        Assert.Equal("f1", recorded.RequestFingerprint);
        Assert.Equal(keyed.Invitations.Select(i => i.Id), recorded.InvitationIds);

        var again = new InvitationBatch("acme", 100, T0, [NewInvitation("acme", "c@example.com")]) { IdempotencyKey = "k-1", RequestFingerprint = "f2" };
        Assert.Equal(BatchInsertStatus.IdempotencyKeyUsed, (await Invitations.InsertBatchAsync(again, default).ConfigureAwait(false)).Status);
        Assert.Null(await Invitations.FindByIdAsync(again.Invitations[0].Id, default).ConfigureAwait(false));
        Assert.Equal("f1", (await Invitations.FindIdempotentInviteAsync("acme", "k-1", default).ConfigureAwait(false))?.RequestFingerprint);

        // Keys belong to an account.
        Assert.Null(await Invitations.FindIdempotentInviteAsync("globex", "k-1", default).ConfigureAwait(false));
        var elsewhere = new InvitationBatch("globex", 100, T0, [NewInvitation("globex", "a@example.com")]) { IdempotencyKey = "k-1", RequestFingerprint = "f3" };
        Assert.Equal(BatchInsertStatus.Inserted, (await Invitations.InsertBatchAsync(elsewhere, default).ConfigureAwait(false)).Status);
    }

    /// <summary>A refused batch records no key; a withdrawn one forgets it; the sweep forgets old ones only.</summary>
    [StoreFact]
    public async Task Keys_go_with_refusals_withdrawals_and_age()
    {
        var refused = new InvitationBatch("acme", 0, T0, [NewInvitation("acme", "a@example.com")]) { IdempotencyKey = "k-refused", RequestFingerprint = "f" };
        Assert.Equal(BatchInsertStatus.SeatsExhausted, (await Invitations.InsertBatchAsync(refused, default).ConfigureAwait(false)).Status);
        Assert.Null(await Invitations.FindIdempotentInviteAsync("acme", "k-refused", default).ConfigureAwait(false));

        var withdrawn = new InvitationBatch("acme", 100, T0, [NewInvitation("acme", "b@example.com")]) { IdempotencyKey = "k-withdrawn", RequestFingerprint = "f" };
        await Invitations.InsertBatchAsync(withdrawn, default).ConfigureAwait(false);
        await Invitations.DeleteNewAsync([withdrawn.Invitations[0].Id], default).ConfigureAwait(false);
        Assert.Null(await Invitations.FindIdempotentInviteAsync("acme", "k-withdrawn", default).ConfigureAwait(false));

        var old = new InvitationBatch("acme", 100, T0, [NewInvitation("acme", "c@example.com")]) { IdempotencyKey = "k-old", RequestFingerprint = "f" };
        var recent = new InvitationBatch("acme", 100, T0 + Duration.FromDays(2), [NewInvitation("acme", "d@example.com")]) { IdempotencyKey = "k-recent", RequestFingerprint = "f" };
        await Invitations.InsertBatchAsync(old, default).ConfigureAwait(false);
        await Invitations.InsertBatchAsync(recent, default).ConfigureAwait(false);
        Assert.Equal(1, await Maintenance.DeleteIdempotencyKeysAsync(T0 + Duration.FromDays(1), default).ConfigureAwait(false));
        Assert.Null(await Invitations.FindIdempotentInviteAsync("acme", "k-old", default).ConfigureAwait(false));
        Assert.NotNull(await Invitations.FindIdempotentInviteAsync("acme", "k-recent", default).ConfigureAwait(false));
    }

    /// <summary>
    /// The key is checked first: a copy of a stored batch (same key, same addresses, whose invitations are now pending) is
    /// answered <see cref="BatchInsertStatus.IdempotencyKeyUsed"/>, never as pending addresses or spent seats, so the kit
    /// answers it with the first outcome.
    /// </summary>
    [StoreFact]
    public async Task A_copy_of_a_stored_batch_is_answered_by_its_key_first()
    {
        InvitationBatch Copy() => new("acme", 2, T0, [NewInvitation("acme", "a@example.com"), NewInvitation("acme", "b@example.com")]) { IdempotencyKey = "k-1", RequestFingerprint = "f" };
        var first = Copy();
        Assert.Equal(BatchInsertStatus.Inserted, (await Invitations.InsertBatchAsync(first, default).ConfigureAwait(false)).Status);
        var copy = Copy();
        Assert.Equal(BatchInsertStatus.IdempotencyKeyUsed, (await Invitations.InsertBatchAsync(copy, default).ConfigureAwait(false)).Status);
        Assert.Null(await Invitations.FindByIdAsync(copy.Invitations[0].Id, default).ConfigureAwait(false));
        Assert.Equal(first.Invitations.Select(i => i.Id), (await Invitations.FindIdempotentInviteAsync("acme", "k-1", default).ConfigureAwait(false))?.InvitationIds);
    }

    /// <summary>
    /// Store instances racing to insert copies of one batch under one key (the retry a load balancer or a double click
    /// makes): exactly one is stored, and every other copy is told the key is used, whatever it would have found.
    /// </summary>
    [StoreFact]
    public async Task Racing_copies_of_one_batch_under_one_key_are_all_told_the_key()
    {
        var stores = await OpenManyAsync().ConfigureAwait(false);
        var results = await RaceAsync<BatchInsertResult>(stores, (store, _) => [store.Invitations.InsertBatchAsync(
            new InvitationBatch("acme", 100, T0, [NewInvitation("acme", "same@example.com")]) { IdempotencyKey = "k-copies", RequestFingerprint = "f" },
            default)]).ConfigureAwait(false);
        Assert.Equal(1, results.Count(r => r.Status == BatchInsertStatus.Inserted));
        Assert.Equal(Workers - 1, results.Count(r => r.Status == BatchInsertStatus.IdempotencyKeyUsed));
    }

    /// <summary>Store instances racing to insert batches under one key: exactly one is stored.</summary>
    [StoreFact]
    public async Task Racing_batches_under_one_key_store_one()
    {
        var stores = await OpenManyAsync().ConfigureAwait(false);
        var results = await RaceAsync<BatchInsertResult>(stores, (store, worker) => [store.Invitations.InsertBatchAsync(
            new InvitationBatch("acme", 100, T0, [NewInvitation("acme", $"w{worker}@example.com")]) { IdempotencyKey = "k-race", RequestFingerprint = "f" },
            default)]).ConfigureAwait(false);
        Assert.Equal(1, results.Count(r => r.Status == BatchInsertStatus.Inserted));
        Assert.Equal(Workers - 1, results.Count(r => r.Status == BatchInsertStatus.IdempotencyKeyUsed));
        Assert.Equal(1, await Members.CountOccupiedSeatsAsync("acme", T0, default).ConfigureAwait(false));
    }
}
