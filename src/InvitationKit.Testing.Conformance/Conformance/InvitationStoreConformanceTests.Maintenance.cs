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

    /// <summary>
    /// Retention: finished invitations resolved before the cutoff lose their address, key, user id and resolver, oldest
    /// first, up to the limit, with a new revision; everything else stays. Pending ones, ones resolved at or after the
    /// cutoff, ones awaiting their pending user's release and ones already erased are left alone, so a second run erases
    /// nothing.
    /// </summary>
    [StoreFact]
    public async Task Finished_invitations_past_retention_lose_their_personal_data_once()
    {
        var invitations = Enumerable.Range(0, 6).Select(i => NewInvitation("acme", $"e{i}@example.com") with
        {
            UserId = $"u{i}",
            Metadata = SomeMetadata(),
            ReturnUrl = $"https://app.example.com/welcome?contact=e{i}",
            Language = "ru",
        }).ToArray();
        await InsertAsync("acme", 100, invitations).ConfigureAwait(false);
        var cutoff = T0 + Duration.FromDays(30);
        async Task<Invitation> Finish(int i, InvitationStatus status, Instant at, bool releaseDue = false) =>
            Assert.IsType<Invitation>(await Invitations.TryUpdateAsync(
                invitations[i] with { Status = status, ResolvedAt = at, ResolvedBy = $"u{i}", PendingUserReleaseDue = releaseDue }, default).ConfigureAwait(false));
        var oldest = await Finish(0, InvitationStatus.Accepted, T0).ConfigureAwait(false);
        await Finish(1, InvitationStatus.Revoked, T0 + Duration.FromDays(1)).ConfigureAwait(false);
        await Finish(2, InvitationStatus.Expired, T0 + Duration.FromDays(2)).ConfigureAwait(false);
        await Finish(3, InvitationStatus.Rejected, cutoff).ConfigureAwait(false);                 // not before the cutoff
        await Finish(4, InvitationStatus.Revoked, T0, releaseDue: true).ConfigureAwait(false);    // its release needs the address
        // invitations[5] stays pending

        Assert.Equal(2, await Maintenance.EraseFinishedAsync(cutoff, 2, default).ConfigureAwait(false));
        Assert.Equal(1, await Maintenance.EraseFinishedAsync(cutoff, 10, default).ConfigureAwait(false));
        Assert.Equal(0, await Maintenance.EraseFinishedAsync(cutoff, 10, default).ConfigureAwait(false));

        var erased = Assert.IsType<Invitation>(await Invitations.FindByIdAsync(oldest.Id, default).ConfigureAwait(false));
        AssertSame(oldest with { Email = string.Empty, EmailKey = string.Empty, UserId = null, ResolvedBy = null, Metadata = InvitationMetadataEmpty, ReturnUrl = null, Revision = oldest.Revision + 1 }, erased);
        foreach (var i in new[] { 1, 2 })
        {
            Assert.Equal(string.Empty, (await Invitations.FindByIdAsync(invitations[i].Id, default).ConfigureAwait(false))!.Email);
        }

        foreach (var i in new[] { 3, 4, 5 })
        {
            var kept = (await Invitations.FindByIdAsync(invitations[i].Id, default).ConfigureAwait(false))!;
            Assert.Equal($"e{i}@example.com", kept.Email);
            Assert.Equal($"u{i}", kept.UserId);
            Assert.Equal(SomeMetadata().Count, kept.Metadata.Count);
            Assert.NotNull(kept.ReturnUrl);
        }

        var page = await Invitations.ListAsync(new InvitationQuery("acme", InvitationStatus.Accepted), T0, default).ConfigureAwait(false);
        Assert.Equal(string.Empty, Assert.Single(page.Items).Email); // counted and listed still, without the address
    }
}
