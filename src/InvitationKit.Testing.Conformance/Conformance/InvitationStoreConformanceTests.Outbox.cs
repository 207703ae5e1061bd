using InvitationKit.Ports;
using NodaTime;
using Xunit;

namespace InvitationKit.Testing.Conformance;

/// <summary>The mail outbox: each invitation row carries its delivery schedule, so a batch and its mail commit together.</summary>
public abstract partial class InvitationStoreConformanceTests
{
    /// <summary>A stored batch is its own outbox: every invitation becomes due when its lease ends, not before.</summary>
    [StoreFact]
    public async Task A_stored_batch_is_due_for_delivery_when_its_leases_end()
    {
        var lease = T0 + Duration.FromMinutes(2);
        var batch = Enumerable.Range(0, 3).Select(i => NewInvitation("acme", $"b{i}@example.com") with { DeliveryAttempts = 1, NextDeliveryAt = lease }).ToArray();
        await InsertAsync("acme", 10, batch).ConfigureAwait(false);

        Assert.Empty(await Outbox.FindDueForDeliveryAsync(lease - Duration.FromTicks(1), 10, default).ConfigureAwait(false));
        var due = await Outbox.FindDueForDeliveryAsync(lease, 10, default).ConfigureAwait(false);
        Assert.Equal(batch.Select(i => i.Id).Order(), due.Select(i => i.Id).Order());
        Assert.Equal(2, (await Outbox.FindDueForDeliveryAsync(lease, 2, default).ConfigureAwait(false)).Count);
    }

    /// <summary>Only pending, unexpired invitations with a due time at or before now are due, earliest first.</summary>
    [StoreFact]
    public async Task Only_pending_unexpired_invitations_whose_time_has_come_are_due_earliest_first()
    {
        var now = T0 + Duration.FromHours(1);
        var late = NewInvitation("acme", "late@example.com") with { NextDeliveryAt = now - Duration.FromMinutes(1) };
        var early = NewInvitation("acme", "early@example.com") with { NextDeliveryAt = now - Duration.FromMinutes(30) };
        var future = NewInvitation("acme", "future@example.com") with { NextDeliveryAt = now + Duration.FromMinutes(1) };
        var sent = NewInvitation("acme", "sent@example.com") with { Delivery = DeliveryState.Sent };
        var expired = NewInvitation("acme", "expired@example.com") with { NextDeliveryAt = now, ExpiresAt = now };
        var revoked = NewInvitation("acme", "revoked@example.com") with { NextDeliveryAt = now };
        await InsertAsync("acme", 10, late, early, future, sent, expired, revoked).ConfigureAwait(false);
        Assert.NotNull(await Invitations.TryUpdateAsync(revoked with { Status = InvitationStatus.Revoked }, default).ConfigureAwait(false));

        var due = await Outbox.FindDueForDeliveryAsync(now, 10, default).ConfigureAwait(false);
        Assert.Equal([early.Id, late.Id], due.Select(i => i.Id));
    }

    /// <summary>
    /// Claims for delivery in one call: each lease is a compare-and-swap of its own at the revision it was read at,
    /// writing the new secrets, attempts and lease end, so a second dispatcher that found the same due mail claims none
    /// of it, and a lease of an invitation changed meanwhile is left out while the others are claimed.
    /// </summary>
    [StoreFact]
    public async Task Due_mail_is_claimed_in_one_call_and_never_twice()
    {
        var lease = T0 + Duration.FromMinutes(2);
        var existing = NewInvitation("acme", "a@example.com") with { NextDeliveryAt = T0 };
        var newUser = NewInvitation("acme", "b@example.com") with { NextDeliveryAt = T0, Kind = InvitationKind.NewUser, UserId = "pending-b", OtpHash = Hash(7) };
        var changed = NewInvitation("acme", "c@example.com") with { NextDeliveryAt = T0 };
        await InsertAsync("acme", 10, existing, newUser, changed).ConfigureAwait(false);
        var due = await Outbox.FindDueForDeliveryAsync(T0, 10, default).ConfigureAwait(false);
        Assert.NotNull(await Invitations.TryUpdateAsync(changed with { Roles = ["EDITOR"] }, default).ConfigureAwait(false)); // a role change races the claim

        Invitation Lease(Invitation read, long seed) => read with
        {
            SecretHash = Hash(seed),
            OtpHash = read.OtpHash is null ? null : Hash(seed + 1),
            KeyId = 43,
            IssuedAt = T0 + Duration.FromSeconds(1),
            DeliveryAttempts = read.DeliveryAttempts + 1,
            NextDeliveryAt = lease,
        };

        var leases = due.Select((d, i) => Lease(d, 1000 + (10 * i))).ToArray();
        var claimed = await Outbox.ClaimForDeliveryAsync(leases, default).ConfigureAwait(false);
        Assert.Equal(new[] { existing.Id, newUser.Id }.Order(), claimed.Select(c => c.Id).Order());
        static object Claim(Invitation? i) => (i!.Id, i.SecretHash, i.OtpHash, i.KeyId, i.IssuedAt, i.DeliveryAttempts, i.NextDeliveryAt, i.Delivery, i.Status, i.Revision);
        foreach (var stored in claimed)
        {
            var expected = Claim(leases.Single(l => l.Id == stored.Id) with { Revision = 2 });
            Assert.Equal(expected, Claim(stored));
            Assert.Equal(expected, Claim(await Invitations.FindByIdAsync(stored.Id, default).ConfigureAwait(false)));
        }

        Assert.Equal(["EDITOR"], (await Invitations.FindByIdAsync(changed.Id, default).ConfigureAwait(false))!.Roles);
        Assert.Equal([changed.Id], (await Outbox.FindDueForDeliveryAsync(lease - Duration.FromTicks(1), 10, default).ConfigureAwait(false)).Select(i => i.Id));

        // Another dispatcher with the same reads claims nothing; a batch of existing users only (no OTP at all) is claimed too.
        Assert.Empty(await Outbox.ClaimForDeliveryAsync([.. due.Select((d, i) => Lease(d, 2000 + (10 * i)))], default).ConfigureAwait(false));
        var onlyExisting = Assert.Single(claimed, c => c.Id == existing.Id);
        Assert.Single(await Outbox.ClaimForDeliveryAsync([Lease(onlyExisting, 3000)], default).ConfigureAwait(false));
        Assert.Empty(await Outbox.ClaimForDeliveryAsync([], default).ConfigureAwait(false));
    }

    /// <summary>
    /// A mail its recipient's throttle defers: the claim's compare-and-swap, then a second one on the claimed state that
    /// moves the due time later and gives back the claim's attempt, keep the mail off the due list until then.
    /// </summary>
    [StoreFact]
    public async Task A_claimed_mail_can_be_rescheduled_with_its_attempt_given_back()
    {
        var lease = T0 + Duration.FromMinutes(2);
        var later = T0 + Duration.FromHours(1);
        var invitation = NewInvitation("acme", "a@example.com") with { DeliveryAttempts = 1, NextDeliveryAt = T0 };
        await InsertAsync("acme", 10, invitation).ConfigureAwait(false);
        var due = Assert.Single(await Outbox.FindDueForDeliveryAsync(T0, 10, default).ConfigureAwait(false));
        var claimed = await Invitations.TryUpdateAsync(due with { DeliveryAttempts = 2, NextDeliveryAt = lease }, default).ConfigureAwait(false);
        Assert.NotNull(claimed);

        var deferred = await Invitations.TryUpdateAsync(claimed with { DeliveryAttempts = 1, NextDeliveryAt = later }, default).ConfigureAwait(false);
        Assert.Equal((1, (Instant?)later, 3L), (deferred?.DeliveryAttempts, deferred?.NextDeliveryAt, deferred?.Revision));
        Assert.Empty(await Outbox.FindDueForDeliveryAsync(later - Duration.FromTicks(1), 10, default).ConfigureAwait(false));
        var again = Assert.Single(await Outbox.FindDueForDeliveryAsync(later, 10, default).ConfigureAwait(false));
        Assert.Equal((1, (Instant?)later, DeliveryState.NotSent, 3L), (again.DeliveryAttempts, again.NextDeliveryAt, again.Delivery, again.Revision));
    }

    /// <summary>A delivery record applies only while the invitation is pending and still carries the secret that was mailed.</summary>
    [StoreFact]
    public async Task A_delivery_record_applies_only_to_the_secret_that_was_mailed()
    {
        var retryAt = T0 + Duration.FromMinutes(5);
        var sent = NewInvitation("acme", "a@example.com") with { NextDeliveryAt = T0 };
        var failed = NewInvitation("acme", "b@example.com") with { NextDeliveryAt = T0 };
        var reissued = NewInvitation("acme", "c@example.com") with { NextDeliveryAt = T0 };
        var accepted = NewInvitation("acme", "d@example.com") with { NextDeliveryAt = T0 };
        await InsertAsync("acme", 10, sent, failed, reissued, accepted).ConfigureAwait(false);
        Assert.NotNull(await Invitations.TryUpdateAsync(reissued with { SecretHash = Hash(4242) }, default).ConfigureAwait(false));
        Assert.NotNull(await Invitations.TryUpdateAsync(Accepted(accepted), default).ConfigureAwait(false));

        var updated = await Outbox.RecordDeliveriesAsync(
            [
                new DeliveryRecord(sent.Id, sent.SecretHash, DeliveryState.Sent, null),
                new DeliveryRecord(failed.Id, failed.SecretHash, DeliveryState.Failed, retryAt),
                new DeliveryRecord(reissued.Id, reissued.SecretHash, DeliveryState.Sent, null),
                new DeliveryRecord(accepted.Id, accepted.SecretHash, DeliveryState.Sent, null),
            ],
            default).ConfigureAwait(false);

        Assert.Equal(2, updated);
        var storedSent = (await Invitations.FindByIdAsync(sent.Id, default).ConfigureAwait(false))!;
        Assert.Equal((DeliveryState.Sent, (Instant?)null, 2L), (storedSent.Delivery, storedSent.NextDeliveryAt, storedSent.Revision));
        var storedFailed = (await Invitations.FindByIdAsync(failed.Id, default).ConfigureAwait(false))!;
        Assert.Equal((DeliveryState.Failed, (Instant?)retryAt, 2L), (storedFailed.Delivery, storedFailed.NextDeliveryAt, storedFailed.Revision));
        var storedReissued = (await Invitations.FindByIdAsync(reissued.Id, default).ConfigureAwait(false))!;
        Assert.Equal((DeliveryState.NotSent, (Instant?)T0, 2L), (storedReissued.Delivery, storedReissued.NextDeliveryAt, storedReissued.Revision));
        Assert.Equal(InvitationStatus.Accepted, (await Invitations.FindByIdAsync(accepted.Id, default).ConfigureAwait(false))!.Status);
    }

    /// <summary>Listing filters by delivery state.</summary>
    [StoreFact]
    public async Task Listing_filters_by_delivery_state()
    {
        await InsertAsync("acme", 10,
            NewInvitation("acme", "a@example.com") with { Delivery = DeliveryState.Failed },
            NewInvitation("acme", "b@example.com") with { Delivery = DeliveryState.Sent }).ConfigureAwait(false);

        var failed = await Invitations.ListAsync(new InvitationQuery("acme", Delivery: DeliveryState.Failed), T0, default).ConfigureAwait(false);
        Assert.Equal(["a@example.com"], failed.Items.Select(i => i.Email));
        Assert.Equal(1, failed.TotalCount);
    }

    /// <summary>
    /// Rule 24: a host-delivered invitation is marked, listed by its delivery state, and its code's mail is claimed with the
    /// link's hash kept: the invitation is still found by the link the host delivers.
    /// </summary>
    [StoreFact]
    public async Task A_host_delivered_invitation_keeps_its_mark_and_its_link_through_a_claim_of_its_code()
    {
        var lease = T0 + Duration.FromMinutes(2);
        var handed = NewInvitation("acme", "a@example.com") with { HostDelivered = true, Delivery = DeliveryState.HandedToHost, NextDeliveryAt = null, DeliveryAttempts = 0 };
        var code = NewInvitation("acme", "b@example.com") with { HostDelivered = true, NextDeliveryAt = T0, Kind = InvitationKind.NewUser, UserId = null, OtpHash = Hash(7) };
        await InsertAsync("acme", 10, handed, code).ConfigureAwait(false);

        var due = Assert.Single(await Outbox.FindDueForDeliveryAsync(T0, 10, default).ConfigureAwait(false));
        Assert.Equal(code.Id, due.Id);
        var claimed = Assert.Single(await Outbox.ClaimForDeliveryAsync([due with { OtpHash = Hash(8), KeyId = 43, IssuedAt = T0 + Duration.FromSeconds(1), DeliveryAttempts = 2, NextDeliveryAt = lease }], default).ConfigureAwait(false));

        Assert.True(claimed.HostDelivered);
        Assert.Equal(code.SecretHash, claimed.SecretHash);
        Assert.Equal(Hash(8), claimed.OtpHash);
        AssertSame(claimed, await Invitations.FindBySecretHashAsync(code.SecretHash, default).ConfigureAwait(false));
        Assert.Equal(1, await Outbox.RecordDeliveriesAsync([new DeliveryRecord(code.Id, code.SecretHash, DeliveryState.Sent, null)], default).ConfigureAwait(false));
        var listed = await Invitations.ListAsync(new InvitationQuery("acme", Delivery: DeliveryState.HandedToHost), T0, default).ConfigureAwait(false);
        Assert.Equal(["a@example.com"], listed.Items.Select(i => i.Email));
        Assert.True(Assert.Single(listed.Items).HostDelivered);
    }
}
