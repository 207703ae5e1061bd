using InvitationKit.Testing.Conformance;
using InvitationKit.Tests.Infrastructure;

namespace InvitationKit.Tests.Attacks;

/// <summary>Issue 20: a refused batch counts as requested seats only the recipients that would take one.</summary>
public abstract partial class AttackTests
{
    [StoreFact]
    public async Task A_batch_padded_with_members_and_pending_addresses_is_not_refused_for_seats_they_would_not_take()
    {
        await using var kit = await KitAsync(o => o.DefaultUserLimit = 4);
        await MemberAsync(kit, "member@example.com", "VIEWER");
        await kit.InviteOneAsync("pending@example.com"); // owner, member, pending: 3 of 4 seats

        // Refused by the store's atomic check: the member and the pending address take no seat, the new address fits.
        (await kit.InviteAsync("member@example.com", "pending@example.com", "new@example.com"))
            .ShouldFailWith(InvitationErrorCode.AlreadyMember, InvitationErrorCode.AlreadyInvited);

        var seats = (await kit.InviteAsync("member@example.com", "new-a@example.com", "new-b@example.com"))
            .Errors.Single(e => e.Code == InvitationErrorCode.UserLimitExceeded).SeatLimit;
        Assert.Equal(new SeatLimitDetails(4, 3, 2), seats);
    }

    [StoreFact]
    public async Task A_batch_refused_for_an_invalid_address_does_not_count_it_or_a_member_as_requested_seats()
    {
        await using var kit = await KitAsync(o => o.DefaultUserLimit = 4);
        await MemberAsync(kit, "member@example.com", "VIEWER");
        await kit.InviteOneAsync("pending@example.com");

        (await kit.InviteAsync("not an address", "member@example.com", "pending@example.com", "new@example.com"))
            .ShouldFailWith(InvitationErrorCode.InvalidEmail, InvitationErrorCode.AlreadyMember, InvitationErrorCode.AlreadyInvited);

        var seats = (await kit.InviteAsync("not an address", "member@example.com", "new-a@example.com", "new-b@example.com"))
            .Errors.Single(e => e.Code == InvitationErrorCode.UserLimitExceeded).SeatLimit;
        Assert.Equal(new SeatLimitDetails(4, 3, 2), seats);
    }
}
