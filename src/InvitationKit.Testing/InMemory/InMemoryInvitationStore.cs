using InvitationKit.Ports;
using NodaTime;

namespace InvitationKit.Testing;

/// <summary>
/// A thread-safe in-memory store of every role — <see cref="IInvitationStore"/>, <see cref="IMemberStore"/>,
/// <see cref="IOtpBudgetStore"/>, <see cref="IInvitationOutbox"/>, <see cref="IInvitationMaintenanceStore"/> and
/// <see cref="IEmailDomainStore"/> — that
/// honours the same atomicity a database store must: every operation runs under one lock, so the seat check and the
/// insert, and every compare-and-swap, are indivisible. One partial file per role, and one for listing.
/// </summary>
/// <remarks>
/// Seat counting is O(log n + overdue): members are counted directly and pending invitations are kept ordered by
/// expiry, so neither an account's members nor its live invitations make it slower.
/// </remarks>
/// <threadsafety>This type is thread-safe.</threadsafety>
public sealed partial class InMemoryInvitationStore : IInvitationStore
{
    private static readonly Guid MaxGuid = new(Enumerable.Repeat((byte)0xFF, 16).ToArray());

    private readonly Lock _gate = new();
    private readonly Dictionary<(string AccountId, string Key), (IdempotentInvite Invite, Instant RecordedAt)> _idempotent = [];
    private readonly Dictionary<Guid, Invitation> _invitations = [];
    private readonly Dictionary<SecretHash, Guid> _bySecret = [];
    private readonly Dictionary<string, List<Guid>> _pendingByEmail = new(StringComparer.Ordinal);
    private readonly SortedSet<(long ResolvedAt, Guid Id)> _releaseDue = [];
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

            if (batch.Reissued.Any(r => !_invitations.TryGetValue(r.Id, out var stored) || stored.Revision != r.Revision))
            {
                return Task.FromResult(BatchInsertResult.Conflict);
            }

            foreach (var reissued in batch.Reissued)
            {
                TryReplace(reissued);
            }

            foreach (var invitation in batch.Invitations)
            {
                Index(invitation);
            }

            if (batch.IdempotencyKey is { } recorded)
            {
                var invite = new IdempotentInvite(batch.RequestFingerprint ?? string.Empty, batch.InvitationIds) { ReissuedIds = [.. batch.Reissued.Select(i => i.Id)] };
                _idempotent[(batch.AccountId, recorded)] = (invite, batch.Now);
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
    public Task<Invitation?> TryUpdateAsync(Invitation changed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changed);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return Task.FromResult(TryReplace(changed));
        }
    }

    /// <summary>The compare-and-swap: stores the change at the next revision if the stored one is still the one read.</summary>
    private Invitation? TryReplace(Invitation changed)
    {
        if (!_invitations.TryGetValue(changed.Id, out var stored) || stored.Revision != changed.Revision)
        {
            return null;
        }

        var next = changed with { Revision = changed.Revision + 1 };
        Unindex(stored);
        Index(next);
        return next;
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

        return account.Members.Count + account.PendingByExpiry.Count - CountOverdue(account, now);
    }

    /// <summary>The invitations stored as pending whose validity passed by <paramref name="now"/>.</summary>
    private static int CountOverdue(AccountState account, Instant now)
    {
        var pending = account.PendingByExpiry;
        return pending.Count == 0 || pending.Min.ExpiresAt > now.ToUnixTimeTicks()
            ? 0
            : pending.GetViewBetween(pending.Min, (now.ToUnixTimeTicks(), MaxGuid)).Count;
    }

    private IEnumerable<Guid> PendingIds(string emailKey) =>
        _pendingByEmail.TryGetValue(emailKey, out var ids) ? ids : [];

    private void Index(Invitation invitation)
    {
        _invitations[invitation.Id] = invitation;
        _bySecret[invitation.SecretHash] = invitation.Id;
        Account(invitation.AccountId).StoredByStatus[(int)invitation.Status]++;
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

        if (invitation.PendingUserReleaseDue)
        {
            _releaseDue.Add(ReleaseKey(invitation));
        }
    }

    private void Unindex(Invitation invitation)
    {
        _invitations.Remove(invitation.Id);
        _bySecret.Remove(invitation.SecretHash);
        if (_accounts.TryGetValue(invitation.AccountId, out var account))
        {
            account.StoredByStatus[(int)invitation.Status]--;
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

        _releaseDue.Remove(ReleaseKey(invitation));
    }

    private static (long ResolvedAt, Guid Id) ReleaseKey(Invitation invitation) => (invitation.ResolvedAt?.ToUnixTimeTicks() ?? long.MinValue, invitation.Id);

    private sealed class AccountState
    {
        public Dictionary<string, Member> Members { get; } = new(StringComparer.Ordinal);

        /// <summary>How many invitations are stored in each status (indexed by its value), for list totals.</summary>
        public int[] StoredByStatus { get; } = new int[Enum.GetValues<InvitationStatus>().Length];

        /// <summary>Invitations stored as pending, ordered by expiry (UTC ticks) then id.</summary>
        public SortedSet<(long ExpiresAt, Guid Id)> PendingByExpiry { get; } = [];
    }
}
