using InvitationKit.Ports;
using NodaTime;
using Xunit;

namespace InvitationKit.Testing.Conformance;

/// <summary>
/// A batch's reissued invitations (<see cref="InvitationBatch.Reissued"/>): each a compare-and-swap applied in the batch's
/// atomic step, taking no seat; when one moved on, nothing of the batch is stored.
/// </summary>
public abstract partial class InvitationStoreConformanceTests
{
    /// <summary>A reissue is stored with the batch at the next revision, takes no seat, and its key records it as reissued.</summary>
    [StoreFact]
    public async Task A_reissued_invitation_is_swapped_in_with_the_batch_and_takes_no_seat()
    {
        var pending = await InsertOneAsync("acme", "a@example.com").ConfigureAwait(false);
        var reissued = Reissued(pending, ["EDITOR"]);
        var fresh = NewInvitation("acme", "b@example.com");

        // Limit 2: the pending invitation and the new one; the reissue takes no second seat.
        var batch = new InvitationBatch("acme", 2, T0, [fresh])
        {
            Reissued = [reissued],
            InvitationIds = [reissued.Id, fresh.Id],
            IdempotencyKey = "k-1",
            RequestFingerprint = "f",
        };
        Assert.Equal(BatchInsertStatus.Inserted, (await Invitations.InsertBatchAsync(batch, default).ConfigureAwait(false)).Status);

        AssertSame(reissued with { Revision = 2 }, await Invitations.FindByIdAsync(pending.Id, default).ConfigureAwait(false));
        AssertSame(fresh, await Invitations.FindByIdAsync(fresh.Id, default).ConfigureAwait(false));
        Assert.Null(await Invitations.FindBySecretHashAsync(pending.SecretHash, default).ConfigureAwait(false));
        Assert.Equal(pending.Id, (await Invitations.FindBySecretHashAsync(reissued.SecretHash, default).ConfigureAwait(false))?.Id);
        Assert.Equal(2, await Members.CountOccupiedSeatsAsync("acme", T0, default).ConfigureAwait(false));
        var recorded = await Invitations.FindIdempotentInviteAsync("acme", "k-1", default).ConfigureAwait(false);
        Assert.NotNull(recorded);
        Assert.Equal([reissued.Id, fresh.Id], recorded.InvitationIds);
        Assert.Equal([reissued.Id], recorded.ReissuedIds);
    }

    /// <summary>A batch of reissues only (nothing to insert) is stored too, with its key.</summary>
    [StoreFact]
    public async Task A_batch_of_reissues_only_is_stored()
    {
        var pending = await InsertOneAsync("acme", "a@example.com").ConfigureAwait(false);
        var reissued = Reissued(pending, ["VIEWER"]);
        var batch = new InvitationBatch("acme", 1, T0, []) { Reissued = [reissued], InvitationIds = [reissued.Id], IdempotencyKey = "k-1", RequestFingerprint = "f" };
        Assert.Equal(BatchInsertStatus.Inserted, (await Invitations.InsertBatchAsync(batch, default).ConfigureAwait(false)).Status);
        AssertSame(reissued with { Revision = 2 }, await Invitations.FindByIdAsync(pending.Id, default).ConfigureAwait(false));
        Assert.Equal([reissued.Id], (await Invitations.FindIdempotentInviteAsync("acme", "k-1", default).ConfigureAwait(false))?.ReissuedIds);
    }

    /// <summary>
    /// The attack: a batch that would resend an invitation someone revoked (or accepted, or resent) since it was read must
    /// not bring it back or half-store the batch: <see cref="BatchInsertStatus.Conflict"/>, and neither the reissue, the new
    /// invitations nor the key are stored.
    /// </summary>
    [StoreFact]
    public async Task A_batch_whose_reissued_invitation_moved_on_stores_nothing()
    {
        var pending = await InsertOneAsync("acme", "a@example.com").ConfigureAwait(false);
        var revoked = await Invitations.TryUpdateAsync(pending with { Status = InvitationStatus.Revoked, ResolvedAt = T0, ResolvedBy = "owner" }, default).ConfigureAwait(false);
        Assert.NotNull(revoked);
        var fresh = NewInvitation("acme", "b@example.com");
        var stale = new InvitationBatch("acme", 100, T0, [fresh])
        {
            Reissued = [Reissued(pending, ["EDITOR"])],
            InvitationIds = [pending.Id, fresh.Id],
            IdempotencyKey = "k-1",
            RequestFingerprint = "f",
        };

        Assert.Equal(BatchInsertStatus.Conflict, (await Invitations.InsertBatchAsync(stale, default).ConfigureAwait(false)).Status);
        AssertSame(revoked, await Invitations.FindByIdAsync(pending.Id, default).ConfigureAwait(false));
        Assert.Null(await Invitations.FindByIdAsync(fresh.Id, default).ConfigureAwait(false));
        Assert.Null(await Invitations.FindIdempotentInviteAsync("acme", "k-1", default).ConfigureAwait(false));
    }

    /// <summary>
    /// A replace racing an acceptance of the same invitation, on separate store instances: exactly one wins. A replace that
    /// lost stores nothing of its batch; an acceptance that lost creates no membership.
    /// </summary>
    [StoreFact]
    public async Task A_replace_racing_an_acceptance_of_the_same_invitation_lets_exactly_one_win()
    {
        var stores = await OpenManyAsync().ConfigureAwait(false);
        for (var round = 0; round < 5; round++)
        {
            var pending = await InsertOneAsync("acme", $"r{round}@example.com").ConfigureAwait(false);
            var fresh = NewInvitation("acme", $"new{round}@example.com");
            var member = new Member("acme", pending.UserId!, pending.Roles, false, T0, pending.Id);
            var results = await RaceAsync<bool>(stores.Take(2).ToArray(), (store, worker) => worker == 0
                ? [store.Invitations.InsertBatchAsync(new InvitationBatch("acme", 1000, T0, [fresh]) { Reissued = [Reissued(pending, ["EDITOR"])] }, default)
                    .ContinueWith(t => t.Result.Status == BatchInsertStatus.Inserted, TaskScheduler.Default)]
                : [AcceptAsync(store, pending, member).ContinueWith(t => t.Result.Status == AcceptanceStatus.Accepted, TaskScheduler.Default)]).ConfigureAwait(false);

            Assert.Single(results, won => won);
            var stored = await Invitations.FindByIdAsync(pending.Id, default).ConfigureAwait(false);
            var replaced = results[0];
            Assert.Equal(replaced ? InvitationStatus.Pending : InvitationStatus.Accepted, stored?.Status);
            Assert.Equal(replaced, await Invitations.FindByIdAsync(fresh.Id, default).ConfigureAwait(false) is not null);
            Assert.Equal(!replaced, await Members.FindMemberAsync("acme", pending.UserId!, default).ConfigureAwait(false) is not null);
        }
    }

    /// <summary>The invitation as a reissue changes it, at the revision read: new roles, a fresh secret, expiry renewed, one send more.</summary>
    private static Invitation Reissued(Invitation current, IReadOnlyList<string> roles) => current with
    {
        Roles = roles,
        SecretHash = Hash(Random.Shared.NextInt64()),
        IssuedAt = T0 + Duration.FromMinutes(5),
        ExpiresAt = T0 + Duration.FromDays(8),
        SendCount = current.SendCount + 1,
        Delivery = DeliveryState.NotSent,
        NextDeliveryAt = T0 + Duration.FromMinutes(10),
    };
}
