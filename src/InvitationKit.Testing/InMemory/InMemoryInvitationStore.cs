using InvitationKit.Ports;
using NodaTime;

namespace InvitationKit.Testing;

/// <summary>
/// A thread-safe in-memory <see cref="IInvitationStore"/> that honours the same atomicity a database store must: every
/// operation runs under one lock, so the seat check and the insert, and every compare-and-swap, are indivisible.
/// </summary>
/// <remarks>
/// Seat counting is O(log n + overdue): members are counted directly and pending invitations are kept ordered by
/// expiry, so neither an account's members nor its live invitations make it slower.
/// </remarks>
/// <threadsafety>This type is thread-safe.</threadsafety>
public sealed class InMemoryInvitationStore : IInvitationStore
{
    private static readonly Guid MaxGuid = new(Enumerable.Repeat((byte)0xFF, 16).ToArray());

    private readonly Lock _gate = new();
    private readonly Dictionary<(string AccountId, string Key), (IdempotentInvite Invite, Instant RecordedAt)> _idempotent = [];
    private readonly Dictionary<Guid, Invitation> _invitations = [];
    private readonly Dictionary<SecretHash, Guid> _bySecret = [];
    private readonly Dictionary<string, List<Guid>> _pendingByEmail = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AccountState> _accounts = new(StringComparer.Ordinal);
    private readonly Dictionary<(string UserId, string ProductId), string> _activeAccounts = [];
    private readonly Dictionary<string, OtpFailureCount> _otpFailures = new(StringComparer.Ordinal);

    /// <summary>Every stored invitation (a snapshot), for assertions.</summary>
    public IReadOnlyList<Invitation> Invitations
    {
        get { lock (_gate) { return [.. _invitations.Values]; } }
    }

    /// <summary>Every membership (a snapshot), for assertions.</summary>
    public IReadOnlyList<Member> Members
    {
        get { lock (_gate) { return [.. _accounts.Values.SelectMany(a => a.Members.Values)]; } }
    }

    /// <summary>The user's active account for a latest-account-only product, if any.</summary>
    /// <param name="userId">The user.</param>
    /// <param name="productId">The product.</param>
    /// <returns>The account id, or null.</returns>
    public string? GetActiveAccount(string userId, string productId)
    {
        lock (_gate)
        {
            return _activeAccounts.GetValueOrDefault((userId, productId));
        }
    }

    /// <summary>Adds a membership directly (seeding test data), replacing an existing one.</summary>
    /// <param name="member">The membership.</param>
    public void SeedMember(Member member)
    {
        ArgumentNullException.ThrowIfNull(member);
        lock (_gate)
        {
            Account(member.AccountId).Members[member.UserId] = member;
        }
    }

    /// <inheritdoc />
    public Task<BatchInsertResult> InsertBatchAsync(InvitationBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (batch.IdempotencyKey is { } key && _idempotent.ContainsKey((batch.AccountId, key)))
            {
                return Task.FromResult(BatchInsertResult.IdempotencyKeyUsed);
            }

            var occupied = CountOccupied(batch.AccountId, batch.Now);
            string[] pending = [.. batch.Invitations
                .Where(i => PendingIds(i.EmailKey).Any(id => _invitations[id].AccountId == batch.AccountId && _invitations[id].ExpiresAt > batch.Now))
                .Select(i => i.EmailKey)];
            var account = Account(batch.AccountId);
            string[] members = [.. batch.Invitations.Select(i => i.UserId).OfType<string>().Where(account.Members.ContainsKey)];
            var result = BatchInsertResult.Decide(batch, occupied, pending, members);
            if (result.Status != BatchInsertStatus.Inserted)
            {
                return Task.FromResult(result);
            }

            foreach (var invitation in batch.Invitations)
            {
                Index(invitation);
            }

            if (batch.IdempotencyKey is { } recorded)
            {
                _idempotent[(batch.AccountId, recorded)] = (new IdempotentInvite(batch.RequestFingerprint ?? string.Empty, [.. batch.Invitations.Select(i => i.Id)]), batch.Now);
            }

            return Task.FromResult(BatchInsertResult.Inserted(occupied));
        }
    }

    /// <inheritdoc />
    public Task<IdempotentInvite?> FindIdempotentInviteAsync(string accountId, string idempotencyKey, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return Task.FromResult(_idempotent.TryGetValue((accountId, idempotencyKey), out var stored) ? stored.Invite : null);
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

    /// <inheritdoc />
    public Task DeleteNewAsync(IReadOnlyCollection<Guid> invitationIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invitationIds);
        lock (_gate)
        {
            foreach (var id in invitationIds)
            {
                if (_invitations.TryGetValue(id, out var invitation) && invitation.Revision == 1)
                {
                    Unindex(invitation);
                }
            }

            foreach (var key in _idempotent.Where(e => e.Value.Invite.InvitationIds.Any(invitationIds.Contains)).Select(e => e.Key).ToArray())
            {
                _idempotent.Remove(key);
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<Invitation?> FindByIdAsync(Guid invitationId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return Task.FromResult(_invitations.GetValueOrDefault(invitationId));
        }
    }

    /// <inheritdoc />
    public Task<Invitation?> FindBySecretHashAsync(SecretHash secretHash, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return Task.FromResult(_bySecret.TryGetValue(secretHash, out var id) ? _invitations[id] : null);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Invitation>> FindPendingByEmailAsync(string emailKey, string? accountId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(emailKey);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            IReadOnlyList<Invitation> found = PendingIds(emailKey)
                .Select(id => _invitations[id])
                .Where(i => accountId is null || i.AccountId == accountId)
                .OrderBy(i => i.CreatedAt)
                .ToArray();
            return Task.FromResult(found);
        }
    }

    /// <inheritdoc />
    public Task<int> CountOccupiedSeatsAsync(string accountId, Instant now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(accountId);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return Task.FromResult(CountOccupied(accountId, now));
        }
    }

    /// <inheritdoc />
    public Task<bool> TryUpdateAsync(Invitation invitation, long expectedRevision, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invitation);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (!_invitations.TryGetValue(invitation.Id, out var stored) || stored.Revision != expectedRevision)
            {
                return Task.FromResult(false);
            }

            Unindex(stored);
            Index(invitation);
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    public Task<AcceptanceResult> AcceptAsync(Acceptance acceptance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(acceptance);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var invitation = acceptance.Invitation;
            if (!_invitations.TryGetValue(invitation.Id, out var stored) || stored.Revision != acceptance.ExpectedRevision)
            {
                return Task.FromResult(new AcceptanceResult(AcceptanceStatus.Conflict));
            }

            var account = Account(invitation.AccountId);
            if (account.Members.ContainsKey(acceptance.Member.UserId))
            {
                return Task.FromResult(new AcceptanceResult(AcceptanceStatus.AlreadyMember));
            }

            Unindex(stored);
            Index(invitation);
            account.Members[acceptance.Member.UserId] = acceptance.Member;
            string? superseded = null;
            if (acceptance.MakeActiveForProduct)
            {
                var key = (acceptance.Member.UserId, invitation.ProductId);
                superseded = _activeAccounts.GetValueOrDefault(key) ?? FoundedAccount(acceptance.Member.UserId, invitation.AccountId);
                _activeAccounts[key] = invitation.AccountId;
            }

            if (acceptance.ReleaseOtpAttemptOf is { } emailKey)
            {
                ReleaseOtpAttempt(emailKey);
            }

            return Task.FromResult(new AcceptanceResult(AcceptanceStatus.Accepted, superseded));
        }
    }

    // A founding owner's account counts as their active account until they accept into another one.
    private string? FoundedAccount(string userId, string exceptAccountId) =>
        _accounts.Values
            .Select(a => a.Members.GetValueOrDefault(userId))
            .Where(m => m is { IsOwner: true, InvitationId: null } && m.AccountId != exceptAccountId)
            .OrderBy(m => m!.JoinedAt).ThenBy(m => m!.AccountId, StringComparer.Ordinal)
            .FirstOrDefault()?.AccountId;

    /// <inheritdoc />
    public Task<Member?> FindMemberAsync(string accountId, string userId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return Task.FromResult(_accounts.TryGetValue(accountId, out var account) ? account.Members.GetValueOrDefault(userId) : null);
        }
    }

    /// <inheritdoc />
    public Task<bool> TryAddFoundingOwnerAsync(Member owner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(owner);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var account = Account(owner.AccountId);
            if (account.Members.Count > 0)
            {
                return Task.FromResult(false);
            }

            account.Members[owner.UserId] = owner;
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    public Task<MemberImportResult> ImportMembersAsync(MemberImportBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var account = Account(batch.AccountId);
            string[] already = [.. batch.Members.Where(m => account.Members.ContainsKey(m.UserId)).Select(m => m.UserId)];
            Member[] added = [.. batch.Members.Where(m => !account.Members.ContainsKey(m.UserId))];
            var occupied = CountOccupied(batch.AccountId, batch.Now);
            var status = occupied + added.Length > batch.UserLimit ? MemberImportStatus.SeatsExhausted
                : !account.Members.Values.Concat(added).Any(m => m.IsOwner) ? MemberImportStatus.OwnerRequired
                : MemberImportStatus.Imported;
            if (status == MemberImportStatus.Imported)
            {
                foreach (var member in added)
                {
                    account.Members[member.UserId] = member;
                }
            }

            return Task.FromResult(new MemberImportResult(status, occupied, already));
        }
    }

    /// <inheritdoc />
    public Task<MemberRemovalStatus> RemoveMemberAsync(string accountId, string userId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (!_accounts.TryGetValue(accountId, out var account) || !account.Members.TryGetValue(userId, out var member))
            {
                return Task.FromResult(MemberRemovalStatus.NotFound);
            }

            if (member.IsOwner && account.Members.Values.Count(m => m.IsOwner) == 1)
            {
                return Task.FromResult(MemberRemovalStatus.LastOwner);
            }

            account.Members.Remove(userId);
            return Task.FromResult(MemberRemovalStatus.Removed);
        }
    }

    /// <inheritdoc />
    public Task<Page<Member>> ListMembersAsync(string accountId, int offset, int limit, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var all = _accounts.TryGetValue(accountId, out var account)
                ? account.Members.Values.OrderBy(m => m.JoinedAt).ThenBy(m => m.UserId, StringComparer.Ordinal).ToArray()
                : [];
            return Task.FromResult(new Page<Member>(all.Skip(offset).Take(limit).ToArray(), all.Length, offset));
        }
    }

    /// <inheritdoc />
    public Task<Page<Invitation>> ListAsync(InvitationQuery query, Instant now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var matching = _invitations.Values
                .Where(i => i.AccountId == query.AccountId)
                .Where(i => query.Status is null || InvitationStatusMachine.EffectiveStatus(i, now) == query.Status)
                .Where(i => query.Delivery is null || i.Delivery == query.Delivery)
                .OrderByDescending(i => i.CreatedAt)
                .ThenByDescending(i => i.Id)
                .ToArray();
            var after = InvitationListCursor.TryDecode(query.ContinuationToken, out var cursor)
                ? matching.SkipWhile(i => i.CreatedAt > cursor.CreatedAt || (i.CreatedAt == cursor.CreatedAt && i.Id.CompareTo(cursor.Id) >= 0))
                : matching.Skip(query.Offset);
            return Task.FromResult(InvitationListCursor.PageOf(query, [.. after.Take(query.Limit + 1)], query.IncludeTotal ? matching.Length : null));
        }
    }

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
                    Unindex(stored);
                    Index(stored with { Delivery = record.State, NextDeliveryAt = record.NextDeliveryAt, Revision = stored.Revision + 1 });
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
    public Task<OtpAttemptReservation> TryReserveOtpAttemptAsync(string emailKey, OtpFailureBudget budget, Instant now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(emailKey);
        ArgumentNullException.ThrowIfNull(budget);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var reservation = budget.TryReserve(_otpFailures.GetValueOrDefault(emailKey), now, out var next);
            if (reservation.Reserved)
            {
                _otpFailures[emailKey] = next!;
            }

            return Task.FromResult(reservation);
        }
    }

    /// <inheritdoc />
    public Task ReleaseOtpAttemptAsync(string emailKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(emailKey);
        lock (_gate)
        {
            ReleaseOtpAttempt(emailKey);
        }

        return Task.CompletedTask;
    }

    private void ReleaseOtpAttempt(string emailKey)
    {
        if (_otpFailures.TryGetValue(emailKey, out var count))
        {
            _otpFailures[emailKey] = count.Release();
        }
    }

    private AccountState Account(string accountId)
    {
        if (!_accounts.TryGetValue(accountId, out var account))
        {
            account = new AccountState();
            _accounts[accountId] = account;
        }

        return account;
    }

    private int CountOccupied(string accountId, Instant now)
    {
        if (!_accounts.TryGetValue(accountId, out var account))
        {
            return 0;
        }

        var pending = account.PendingByExpiry;
        var overdue = pending.Count == 0 || pending.Min.ExpiresAt > now.ToUnixTimeTicks()
            ? 0
            : pending.GetViewBetween(pending.Min, (now.ToUnixTimeTicks(), MaxGuid)).Count;
        return account.Members.Count + pending.Count - overdue;
    }

    private IEnumerable<Guid> PendingIds(string emailKey) =>
        _pendingByEmail.TryGetValue(emailKey, out var ids) ? ids : [];

    private void Index(Invitation invitation)
    {
        _invitations[invitation.Id] = invitation;
        _bySecret[invitation.SecretHash] = invitation.Id;
        if (invitation.Status == InvitationStatus.Pending)
        {
            Account(invitation.AccountId).PendingByExpiry.Add((invitation.ExpiresAt.ToUnixTimeTicks(), invitation.Id));
            if (!_pendingByEmail.TryGetValue(invitation.EmailKey, out var ids))
            {
                ids = [];
                _pendingByEmail[invitation.EmailKey] = ids;
            }

            ids.Add(invitation.Id);
        }
    }

    private void Unindex(Invitation invitation)
    {
        _invitations.Remove(invitation.Id);
        _bySecret.Remove(invitation.SecretHash);
        if (_accounts.TryGetValue(invitation.AccountId, out var account))
        {
            account.PendingByExpiry.Remove((invitation.ExpiresAt.ToUnixTimeTicks(), invitation.Id));
        }

        if (_pendingByEmail.TryGetValue(invitation.EmailKey, out var ids))
        {
            ids.Remove(invitation.Id);
            if (ids.Count == 0)
            {
                _pendingByEmail.Remove(invitation.EmailKey);
            }
        }
    }

    private sealed class AccountState
    {
        public Dictionary<string, Member> Members { get; } = new(StringComparer.Ordinal);

        /// <summary>Invitations stored as pending, ordered by expiry (UTC ticks) then id.</summary>
        public SortedSet<(long ExpiresAt, Guid Id)> PendingByExpiry { get; } = [];
    }
}
