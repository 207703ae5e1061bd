using InvitationKit.Ports;
using NodaTime;
using Xunit;

namespace InvitationKit.Testing.Conformance;

/// <summary>The <see cref="IInvitationMaintenanceStore"/> role: what the expiry sweep finds.</summary>
public abstract partial class InvitationStoreConformanceTests
{
    /// <summary>Overdue invitations are found oldest expiry first, up to the limit, and only while stored as pending.</summary>
    [StoreFact]
    public async Task Overdue_invitations_are_found_up_to_the_limit()
    {
        var invitations = Enumerable.Range(0, 5)
            .Select(i => NewInvitation("acme", $"o{i}@example.com") with { ExpiresAt = T0 + Duration.FromHours(i + 1) })
            .ToArray();
        await InsertAsync("acme", 100, invitations).ConfigureAwait(false);
        var now = T0 + Duration.FromHours(4);
        Assert.Equal([invitations[0].Id, invitations[1].Id], (await Maintenance.FindOverdueAsync(now, 2, default).ConfigureAwait(false)).Select(i => i.Id));
        Assert.Equal(4, (await Maintenance.FindOverdueAsync(now, 10, default).ConfigureAwait(false)).Count);
        await Invitations.TryUpdateAsync(invitations[0] with { Status = InvitationStatus.Expired }, default).ConfigureAwait(false);
        Assert.Equal(3, (await Maintenance.FindOverdueAsync(now, 10, default).ConfigureAwait(false)).Count);
    }

    /// <summary>
    /// Ended invitations marked <see cref="Invitation.PendingUserReleaseDue"/> are found in the order they were resolved,
    /// up to the limit, as stored; an unmarked one never, and a marked one no longer once its mark is cleared.
    /// </summary>
    [StoreFact]
    public async Task Ended_invitations_awaiting_their_pending_users_release_are_found_until_the_mark_is_cleared()
    {
        var invitations = Enumerable.Range(0, 4)
            .Select(i => NewInvitation("acme", $"r{i}@example.com") with { Kind = InvitationKind.NewUser, UserId = null })
            .ToArray();
        await InsertAsync("acme", 100, invitations).ConfigureAwait(false);
        Assert.Empty(await Maintenance.FindPendingUserReleasesAsync(10, default).ConfigureAwait(false));

        var marked = new List<Invitation>();
        foreach (var (i, status) in new[] { (3, InvitationStatus.Revoked), (2, InvitationStatus.Rejected), (1, InvitationStatus.Expired) })
        {
            var ended = invitations[i] with { Status = status, ResolvedAt = T0 + Duration.FromMinutes(10 - i), PendingUserReleaseDue = true };
            marked.Add(Assert.IsType<Invitation>(await Invitations.TryUpdateAsync(ended, default).ConfigureAwait(false)));
        }

        await Invitations.TryUpdateAsync(invitations[0] with { Status = InvitationStatus.Revoked, ResolvedAt = T0 }, default).ConfigureAwait(false);
        Assert.Equal([invitations[3].Id, invitations[2].Id], (await Maintenance.FindPendingUserReleasesAsync(2, default).ConfigureAwait(false)).Select(i => i.Id));
        var all = await Maintenance.FindPendingUserReleasesAsync(10, default).ConfigureAwait(false);
        Assert.Equal(3, all.Count);
        AssertSame(marked[0], all[0]);

        await Invitations.TryUpdateAsync(marked[0] with { PendingUserReleaseDue = false }, default).ConfigureAwait(false);
        Assert.Equal([invitations[2].Id, invitations[1].Id], (await Maintenance.FindPendingUserReleasesAsync(10, default).ConfigureAwait(false)).Select(i => i.Id));
    }
}
