using InvitationKit.Ports;
using NodaTime;
using Xunit;

namespace InvitationKit.Testing.Conformance;

/// <summary>
/// A list page's total (<see cref="InvitationQuery.IncludeTotal"/>) is exact: for every account and effective status it
/// equals the number of invitations the list returns, after every kind of write that changes a status, and when store
/// instances race to change them. A store may keep counts instead of counting (the shipped ones do); these tests hold it
/// to the real count.
/// </summary>
public abstract partial class InvitationStoreConformanceTests
{
    private static readonly InvitationStatus?[] EveryStatus =
        [null, InvitationStatus.Pending, InvitationStatus.Accepted, InvitationStatus.Rejected, InvitationStatus.Revoked, InvitationStatus.Expired];

    /// <summary>
    /// The total of an account's invitations, and of each effective status, equals the real count after an insert, an
    /// accept, a reject, a revoke, an expiry, a withdrawn invitation, a reissue, a re-invite that replaces an overdue
    /// invitation, and the erasure of finished ones; before and after invitations pass their expiry, alone and after the
    /// asker's membership.
    /// </summary>
    [StoreFact]
    public async Task The_list_total_equals_the_real_count_after_every_kind_of_status_change()
    {
        await Members.TryAddFoundingOwnerAsync(new Member("acme", "owner", ["ADMIN"], true, T0, null), default).ConfigureAwait(false);
        var soon = T0 + Duration.FromHours(1);
        var invitations = Enumerable.Range(0, 8)
            .Select(i => NewInvitation("acme", $"t{i}@example.com") with { ExpiresAt = i < 2 ? soon : T0 + Duration.FromDays(7) })
            .ToArray();
        await InsertAsync("acme", 100, invitations).ConfigureAwait(false);
        await InsertOneAsync("globex", "t0@example.com").ConfigureAwait(false);
        await AssertTotalsAsync("inserted").ConfigureAwait(false);

        var member = new Member("acme", "u2", [], false, T0, invitations[2].Id);
        Assert.Equal(AcceptanceStatus.Accepted, (await AcceptAsync(Stores, invitations[2], member).ConfigureAwait(false)).Status);
        await AssertTotalsAsync("accepted").ConfigureAwait(false);

        foreach (var (i, status) in new[] { (3, InvitationStatus.Rejected), (4, InvitationStatus.Revoked), (0, InvitationStatus.Expired) })
        {
            var finished = invitations[i] with { Status = status, ResolvedAt = T0, ResolvedBy = "owner" };
            Assert.NotNull(await Invitations.TryUpdateAsync(finished, default).ConfigureAwait(false));
            await AssertTotalsAsync(status.ToString()).ConfigureAwait(false);
        }

        await Invitations.DeleteNewAsync([invitations[5].Id], default).ConfigureAwait(false);
        await AssertTotalsAsync("withdrawn").ConfigureAwait(false);

        var reissue = new InvitationBatch("acme", 100, T0, []) { Reissued = [Reissued(invitations[6], ["VIEWER"])], InvitationIds = [invitations[6].Id] };
        Assert.Equal(BatchInsertStatus.Inserted, (await Invitations.InsertBatchAsync(reissue, default).ConfigureAwait(false)).Status);
        await AssertTotalsAsync("reissued").ConfigureAwait(false);

        // invitations[1] is overdue by now: a new invitation for its address replaces it.
        var later = soon + Duration.FromHours(1);
        var replacement = NewInvitation("acme", "t1@example.com") with { CreatedAt = later, IssuedAt = later, ExpiresAt = later + Duration.FromDays(7) };
        Assert.Equal(BatchInsertStatus.Inserted, (await Invitations.InsertBatchAsync(new InvitationBatch("acme", 100, later, [replacement]), default).ConfigureAwait(false)).Status);
        await AssertTotalsAsync("re-invited").ConfigureAwait(false);

        Assert.True(await Maintenance.EraseFinishedAsync(later + Duration.FromDays(1), 100, default).ConfigureAwait(false) > 0);
        await AssertTotalsAsync("erased").ConfigureAwait(false);
    }

    /// <summary>
    /// Store instances racing to accept, revoke and invite in one account leave every total exact: each status change is
    /// counted once, in the step that makes it, however the steps interleave.
    /// </summary>
    [StoreFact]
    public async Task Racing_accepts_revokes_and_invites_keep_the_totals_exact()
    {
        await Members.TryAddFoundingOwnerAsync(new Member("acme", "owner", ["ADMIN"], true, T0, null), default).ConfigureAwait(false);
        var invitations = Enumerable.Range(0, 12).Select(i => NewInvitation("acme", $"r{i}@example.com")).ToArray();
        await InsertAsync("acme", 1000, invitations).ConfigureAwait(false);
        var stores = await OpenManyAsync().ConfigureAwait(false);
        var results = await RaceAsync<bool>(stores, (store, worker) => invitations.Select((invitation, i) => Task.Run(async () => ((i + worker) % 3) switch
        {
            0 => (await AcceptAsync(store, invitation, new Member("acme", $"w{worker}i{i}", [], false, T0, invitation.Id)).ConfigureAwait(false)).Status == AcceptanceStatus.Accepted,
            1 => await store.Invitations.TryUpdateAsync(invitation with { Status = InvitationStatus.Revoked, ResolvedAt = T0 }, default).ConfigureAwait(false) is not null,
            _ => (await store.Invitations.InsertBatchAsync(new InvitationBatch("acme", 1000, T0, [NewInvitation("acme", $"w{worker}i{i}@example.com")]), default).ConfigureAwait(false)).Status
                == BatchInsertStatus.Inserted,
        }))).ConfigureAwait(false);
        Assert.Equal(invitations.Length + (Workers * invitations.Length / 3), results.Count(won => won)); // one winner per invitation; every invite
        await AssertTotalsAsync("after the race").ConfigureAwait(false);
    }

    /// <summary>Asserts every total of acme, globex and an unknown account, now and once everything live has expired, against the real count.</summary>
    private async Task AssertTotalsAsync(string after)
    {
        foreach (var now in new[] { T0, T0 + Duration.FromDays(30) })
        {
            foreach (var account in new[] { "acme", "globex", "nowhere" })
            {
                foreach (var status in EveryStatus)
                {
                    var query = new InvitationQuery(account, status, Limit: 500);
                    var counted = await Invitations.ListAsync(query with { IncludeTotal = false }, now, default).ConfigureAwait(false);
                    Assert.False(counted.HasMore);
                    var what = $"after {after}: the total of {account}, {status?.ToString() ?? "any status"}, at {now}";
                    Assert.True(counted.Items.Count == (await Invitations.ListAsync(query, now, default).ConfigureAwait(false)).TotalCount, what);
                    if (account == "acme")
                    {
                        Assert.True(counted.Items.Count == (await Combined.FindMemberAndListAsync("owner", query, now, default).ConfigureAwait(false)).Value?.TotalCount, what + " after the membership");
                    }
                }
            }
        }
    }
}
