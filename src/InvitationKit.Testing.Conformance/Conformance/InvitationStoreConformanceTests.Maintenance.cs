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
}
