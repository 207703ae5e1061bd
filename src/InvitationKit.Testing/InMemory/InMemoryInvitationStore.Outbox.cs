using InvitationKit.Ports;
using NodaTime;

namespace InvitationKit.Testing;

/// <summary>
/// The <see cref="IInvitationOutbox"/> and <see cref="IInvitationMaintenanceStore"/> roles: due mail, overdue invitations,
/// ended invitations whose pending user awaits release, and old idempotency keys.
/// </summary>
public sealed partial class InMemoryInvitationStore : IInvitationOutbox, IInvitationMaintenanceStore
{
    /// <inheritdoc />
    public Task<IReadOnlyList<Invitation>> FindDueForDeliveryAsync(Instant now, int limit, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            IReadOnlyList<Invitation> due = _invitations.Values
                .Where(i => i.Status == InvitationStatus.Pending && i.NextDeliveryAt <= now && i.ExpiresAt > now)
                .OrderBy(i => i.NextDeliveryAt)
                .ThenBy(i => i.Id)
                .Take(limit)
                .ToArray();
            return Task.FromResult(due);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Invitation>> FindDueNoticesAsync(Instant now, int limit, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            IReadOnlyList<Invitation> due = _invitations.Values
                .Where(i => i.NoticeDueAt <= now)
                .OrderBy(i => i.NoticeDueAt)
                .ThenBy(i => i.Id)
                .Take(limit)
                .ToArray();
            return Task.FromResult(due);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Invitation>> FindDueForReminderAsync(Instant now, Duration lead, int limit, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            IReadOnlyList<Invitation> due = _invitations.Values
                .Where(i => i.Status == InvitationStatus.Pending && i.RemindedAt is null && i.NextDeliveryAt is null && i.Delivery == DeliveryState.Sent && !i.HostDelivered
                    && i.ExpiresAt > now && i.ExpiresAt <= now + lead && i.IssuedAt + lead < i.ExpiresAt)
                .OrderBy(i => i.ExpiresAt)
                .ThenBy(i => i.Id)
                .Take(limit)
                .ToArray();
            return Task.FromResult(due);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Invitation>> ClaimForDeliveryAsync(IReadOnlyList<Invitation> leases, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(leases);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            IReadOnlyList<Invitation> claimed = [.. leases.Select(lease => _invitations.TryGetValue(lease.Id, out var stored)
                    ? TryReplace(stored with
                    {
                        Revision = lease.Revision, // the compare: a lease read at another revision is refused
                        SecretHash = lease.SecretHash,
                        OtpHash = lease.OtpHash,
                        KeyId = lease.KeyId,
                        IssuedAt = lease.IssuedAt,
                        DeliveryAttempts = lease.DeliveryAttempts,
                        NextDeliveryAt = lease.NextDeliveryAt,
                    })
                    : null)
                .OfType<Invitation>()];
            return Task.FromResult(claimed);
        }
    }

    /// <inheritdoc />
    public Task<int> RecordDeliveriesAsync(IReadOnlyList<DeliveryRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var updated = 0;
            foreach (var record in records)
            {
                if (_invitations.TryGetValue(record.InvitationId, out var stored) && stored.Status == InvitationStatus.Pending && stored.SecretHash == record.SecretHash)
                {
                    TryReplace(stored with { Delivery = record.State, NextDeliveryAt = record.NextDeliveryAt });
                    updated++;
                }
            }

            return Task.FromResult(updated);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Invitation>> FindOverdueAsync(Instant now, int limit, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            // Each account's pending set is ordered by expiry, so only the overdue head of each is read.
            var ticks = now.ToUnixTimeTicks();
            IReadOnlyList<Invitation> overdue = _accounts.Values
                .SelectMany(a => a.PendingByExpiry.TakeWhile(p => p.ExpiresAt <= ticks))
                .Order()
                .Take(limit)
                .Select(p => _invitations[p.Id])
                .ToArray();
            return Task.FromResult(overdue);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Invitation>> FindPendingUserReleasesAsync(int limit, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            // The marked invitations are kept ordered by resolution, so only the ones returned are read.
            IReadOnlyList<Invitation> due = [.. _releaseDue.Take(limit).Select(k => _invitations[k.Id])];
            return Task.FromResult(due);
        }
    }

    /// <inheritdoc />
    public Task<int> EraseFinishedAsync(Instant resolvedBefore, int limit, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var due = _invitations.Values
                .Where(i => i.Status != InvitationStatus.Pending && i.ResolvedAt < resolvedBefore && !i.PendingUserReleaseDue && i.Email.Length > 0)
                .OrderBy(i => i.ResolvedAt).ThenBy(i => i.Id).Take(limit).ToArray();
            foreach (var invitation in due)
            {
                _invitations[invitation.Id] = invitation with
                {
                    Email = string.Empty, EmailKey = string.Empty, UserId = null, ResolvedBy = null,
                    Metadata = System.Collections.ObjectModel.ReadOnlyDictionary<string, string>.Empty, ReturnUrl = null, Revision = invitation.Revision + 1,
                };
            }

            return Task.FromResult(due.Length);
        }
    }

    /// <inheritdoc />
    public Task<int> DeleteIdempotencyKeysAsync(Instant recordedBefore, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var old = _idempotent.Where(e => e.Value.RecordedAt < recordedBefore).Select(e => e.Key).ToArray();
            Array.ForEach(old, k => _idempotent.Remove(k));
            return Task.FromResult(old.Length);
        }
    }
}
