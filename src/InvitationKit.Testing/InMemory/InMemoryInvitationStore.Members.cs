using InvitationKit.Ports;
using NodaTime;

namespace InvitationKit.Testing;

/// <summary>The <see cref="IMemberStore"/> role: memberships, active accounts and seats.</summary>
public sealed partial class InMemoryInvitationStore : IMemberStore
{
    /// <inheritdoc />
    public Task<AcceptanceResult> AcceptAsync(Acceptance acceptance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(acceptance);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var invitation = acceptance.Invitation;
            if (!_invitations.TryGetValue(invitation.Id, out var stored) || stored.Revision != invitation.Revision)
            {
                return Task.FromResult(new AcceptanceResult(AcceptanceStatus.Conflict));
            }

            var account = Account(invitation.AccountId);
            if (account.Members.ContainsKey(acceptance.Member.UserId))
            {
                return Task.FromResult(new AcceptanceResult(AcceptanceStatus.AlreadyMember));
            }

            TryReplace(invitation);
            account.Members[acceptance.Member.UserId] = acceptance.Member;
            string? superseded = null;
            if (acceptance.MakeActiveForProduct)
            {
                var key = (acceptance.Member.UserId, invitation.ProductId);
                superseded = _activeAccounts.GetValueOrDefault(key) ?? FoundedAccount(acceptance.Member.UserId, invitation.AccountId);
                _activeAccounts[key] = invitation.AccountId;
            }

            return Task.FromResult(new AcceptanceResult(AcceptanceStatus.Accepted, superseded));
        }
    }

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

    // A founding owner's account counts as their active account until they accept into another one.
    private string? FoundedAccount(string userId, string exceptAccountId) =>
        _accounts.Values
            .Select(a => a.Members.GetValueOrDefault(userId))
            .Where(m => m is { IsOwner: true, InvitationId: null } && m.AccountId != exceptAccountId)
            .OrderBy(m => m!.JoinedAt).ThenBy(m => m!.AccountId, StringComparer.Ordinal)
            .FirstOrDefault()?.AccountId;
}
