using InvitationKit.Ports;
using NodaTime;
using Xunit;

namespace InvitationKit.Testing.Conformance;

public abstract partial class InvitationStoreConformanceTests
{
    // ---- a membership read with what it authorizes ----------------------------------------------------

    /// <summary>
    /// A member's combined reads (<see cref="IInvitationStore.FindMemberAndCountOccupiedSeatsAsync"/>,
    /// <see cref="IInvitationStore.FindMemberAndListAsync"/>) give the membership and exactly what the separate reads
    /// give: the seat count, and the page under every filter, by offset and by continuation token, with and without the total.
    /// </summary>
    [StoreFact]
    public async Task A_members_combined_reads_match_the_separate_reads()
    {
        await Store.TryAddFoundingOwnerAsync(new Member("acme", "owner", ["ADMIN"], true, T0, null), default).ConfigureAwait(false);
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
        await Store.TryUpdateAsync(invitations[6] with { Status = InvitationStatus.Revoked, Revision = 2 }, 1, default).ConfigureAwait(false);
        var now = T0 + Duration.FromDays(2);
        var member = await Store.FindMemberAsync("acme", "owner", default).ConfigureAwait(false);

        var seats = await Store.FindMemberAndCountOccupiedSeatsAsync("acme", "owner", now, default).ConfigureAwait(false);
        Assert.NotNull(member);
        Assert.Equivalent(member, seats.Member, strict: true);
        Assert.Equal(await Store.CountOccupiedSeatsAsync("acme", now, default).ConfigureAwait(false), seats.Value);

        var firstPage = await Store.ListAsync(new InvitationQuery("acme", Limit: 3), now, default).ConfigureAwait(false);
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
            var expected = await Store.ListAsync(query, now, default).ConfigureAwait(false);
            var read = await Store.FindMemberAndListAsync("owner", query, now, default).ConfigureAwait(false);
            Assert.Equivalent(member, read.Member, strict: true);
            var page = Assert.IsType<Page<Invitation>>(read.Value);
            Assert.Equal(expected.Items.Select(i => i.Id), page.Items.Select(i => i.Id));
            Assert.Equivalent(expected.Items, page.Items, strict: true);
            Assert.Equal((expected.TotalCount, expected.Offset, expected.HasMore, expected.ContinuationToken), (page.TotalCount, page.Offset, page.HasMore, page.ContinuationToken));
        }
    }

    /// <summary>
    /// Someone who is no member of the account — a member of another account, or nobody — gets no membership, and
    /// nothing of the account is read for them: no count and no page.
    /// </summary>
    [StoreFact]
    public async Task A_combined_read_gives_a_stranger_nothing_of_the_account()
    {
        await Store.TryAddFoundingOwnerAsync(new Member("acme", "owner", [], true, T0, null), default).ConfigureAwait(false);
        await Store.TryAddFoundingOwnerAsync(new Member("globex", "stranger", [], true, T0, null), default).ConfigureAwait(false);
        await InsertOneAsync("acme", "a@example.com").ConfigureAwait(false);
        foreach (var user in new[] { "stranger", "nobody" })
        {
            Assert.Equal(new MemberRead<int>(null, 0), await Store.FindMemberAndCountOccupiedSeatsAsync("acme", user, T0, default).ConfigureAwait(false));
            Assert.Equal(new MemberRead<Page<Invitation>?>(null, null), await Store.FindMemberAndListAsync(user, new InvitationQuery("acme"), T0, default).ConfigureAwait(false));
        }

        Assert.Equal(2, (await Store.FindMemberAndCountOccupiedSeatsAsync("acme", "owner", T0, default).ConfigureAwait(false)).Value);
    }
}
