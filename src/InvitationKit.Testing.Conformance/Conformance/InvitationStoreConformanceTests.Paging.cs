using InvitationKit.Ports;
using NodaTime;
using Xunit;

namespace InvitationKit.Testing.Conformance;

public abstract partial class InvitationStoreConformanceTests
{
    // ---- keyset paging ---------------------------------------------------------------------------

    /// <summary>
    /// Keyset pages (continuation tokens) list every invitation exactly once, newest first with ties broken by id,
    /// whether or not the total is counted; the last page has no token, and invitations created while a client pages
    /// are neither listed nor shift what follows.
    /// </summary>
    [StoreFact]
    public async Task Keyset_pages_list_every_invitation_once_even_while_others_are_created()
    {
        // A batch shares one creation time: ties the tie-breaker must order.
        var invitations = Enumerable.Range(0, 8)
            .Select(i => NewInvitation("acme", $"k{i}@example.com") with { CreatedAt = T0 + Duration.FromMinutes(i / 3) })
            .ToArray();
        await InsertAsync("acme", 100, invitations).ConfigureAwait(false);
        var expected = (await Invitations.ListAsync(new InvitationQuery("acme", Limit: 100), T0, default).ConfigureAwait(false)).Items.Select(i => i.Id).ToArray();
        Assert.Equal(8, expected.Length);

        var listed = new List<Guid>();
        var first = await Invitations.ListAsync(new InvitationQuery("acme", Limit: 3, IncludeTotal: false), T0, default).ConfigureAwait(false);
        Assert.Null(first.TotalCount);
        Assert.NotNull(first.ContinuationToken);
        listed.AddRange(first.Items.Select(i => i.Id));

        // Newer invitations arrive between pages: keyset paging does not list them or repeat anything because of them.
        await InsertAsync("acme", 100, NewInvitation("acme", "late@example.com") with { CreatedAt = T0 + Duration.FromHours(1) }).ConfigureAwait(false);
        var token = first.ContinuationToken;
        while (token is not null)
        {
            var page = await Invitations.ListAsync(new InvitationQuery("acme", Limit: 3, ContinuationToken: token, IncludeTotal: false), T0, default).ConfigureAwait(false);
            Assert.Equal(0, page.Offset);
            Assert.InRange(page.Items.Count, 1, 3);
            listed.AddRange(page.Items.Select(i => i.Id));
            token = page.ContinuationToken;
        }

        Assert.Equal(expected, listed);
        var counted = await Invitations.ListAsync(new InvitationQuery("acme", Limit: 4), T0, default).ConfigureAwait(false);
        Assert.Equal(9, counted.TotalCount);
        Assert.True(counted.HasMore);
        var last = await Invitations.ListAsync(new InvitationQuery("acme", Offset: 8, Limit: 4), T0, default).ConfigureAwait(false);
        Assert.Null(last.ContinuationToken);
        Assert.False(last.HasMore);
    }

    /// <summary>Keyset pages keep the query's filters.</summary>
    [StoreFact]
    public async Task Keyset_pages_keep_the_filters()
    {
        var invitations = Enumerable.Range(0, 6)
            .Select(i => NewInvitation("acme", $"f{i}@example.com") with { CreatedAt = T0 + Duration.FromMinutes(i), Delivery = i % 2 == 0 ? DeliveryState.Failed : DeliveryState.Sent })
            .ToArray();
        await InsertAsync("acme", 100, invitations).ConfigureAwait(false);
        var first = await Invitations.ListAsync(new InvitationQuery("acme", Limit: 2, Delivery: DeliveryState.Failed), T0, default).ConfigureAwait(false);
        var second = await Invitations.ListAsync(new InvitationQuery("acme", Limit: 2, Delivery: DeliveryState.Failed, ContinuationToken: first.ContinuationToken), T0, default).ConfigureAwait(false);
        Assert.Equal(["f4@example.com", "f2@example.com", "f0@example.com"], first.Items.Concat(second.Items).Select(i => i.Email));
        Assert.Null(second.ContinuationToken);
    }
}
