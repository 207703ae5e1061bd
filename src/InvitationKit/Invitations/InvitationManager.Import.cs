using InvitationKit.Diagnostics;
using InvitationKit.Permissions;
using InvitationKit.Ports;

namespace InvitationKit;

internal sealed partial class InvitationManager
{
    public async Task<InvitationResult<MemberImportOutcome>> ImportMembersAsync(MemberImport import, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(import);
        ArgumentNullException.ThrowIfNull(import.Members);
        cancellationToken.ThrowIfCancellationRequested();
        if (CheckId("account id", import.AccountId) is { } invalid)
        {
            return invalid;
        }

        var count = import.Members.Count;
        if (CheckBatchSize(count, MemberImport.MaxMembers) is { } badSize)
        {
            return badSize;
        }

        var now = _clock.GetCurrentInstant();
        var errors = new List<InvitationError>();
        var members = new List<Member>(count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var imported in import.Members)
        {
            ArgumentNullException.ThrowIfNull(imported);
            if (CheckId("user id", imported.UserId) is { } badId)
            {
                errors.Add(badId);
                continue;
            }

            if (!seen.Add(imported.UserId))
            {
                errors.Add(InvitationErrors.DuplicateMember(imported.UserId));
                continue;
            }

            if (imported.JoinedAt > now)
            {
                errors.Add(InvitationErrors.JoinedInTheFuture(imported.UserId));
            }

            var roles = RoleNames.Normalize(imported.Roles, imported.UserId);
            if (roles.TryGetValue(out var validRoles))
            {
                members.Add(new Member(import.AccountId, imported.UserId, validRoles, imported.IsOwner, imported.JoinedAt ?? now, InvitationId: null));
            }
            else
            {
                errors.AddRange(roles.Errors);
            }
        }

        if (errors.Count > 0)
        {
            return InvitationResult<MemberImportOutcome>.Failure(errors);
        }

        var account = await _accounts.FindAsync(import.AccountId, cancellationToken).ConfigureAwait(false);
        if (account is null)
        {
            return InvitationErrors.AccountNotFound(import.AccountId);
        }

        if (EnsureEnabled(account) is { } disabled)
        {
            return disabled;
        }

        var limit = account.UserLimit ?? _options.DefaultUserLimit;
        var stored = await _stores.Members.ImportMembersAsync(new MemberImportBatch(account.Id, limit, now, members), cancellationToken).ConfigureAwait(false);
        switch (stored.Status)
        {
            case MemberImportStatus.SeatsExhausted:
                return InvitationErrors.UserLimitExceeded(new SeatLimitDetails(limit, stored.OccupiedSeats, count - stored.AlreadyMembers.Count));
            case MemberImportStatus.OwnerRequired:
                return InvitationErrors.OwnerRequired();
        }

        var skipped = stored.AlreadyMembers.ToHashSet(StringComparer.Ordinal);
        Member[] added = [.. members.Where(m => !skipped.Contains(m.UserId))];
        Log.MembersImported(_logger, added.Length, account.Id, skipped.Count);
        foreach (var member in added)
        {
            await PublishAsync(InvitationEventKind.MemberImported, account.Id, null, member.UserId, null, now).ConfigureAwait(false);
        }

        return new MemberImportOutcome(added, [.. stored.AlreadyMembers]);
    }
}
