using InvitationKit.EntityFrameworkCore.Model;
using InvitationKit.Ports;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using static InvitationKit.EntityFrameworkCore.Model.EntityMapping;

namespace InvitationKit.EntityFrameworkCore.Stores;

/// <summary>Acceptance: the invitation's compare-and-swap, the membership and the active account, in one transaction.</summary>
internal sealed partial class EntityFrameworkCoreInvitationStore<TContext>
{
    public Task<AcceptanceResult> AcceptAsync(Acceptance acceptance, CancellationToken cancellationToken) =>
        AcceptAsync(acceptance, releaseOtpAttemptOf: null, cancellationToken);

    public Task<AcceptanceResult> AcceptAndReleaseOtpAttemptAsync(Acceptance acceptance, string emailKey, SecretHash attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(emailKey);
        return AcceptAsync(acceptance, (emailKey, attempt), cancellationToken);
    }

    private Task<AcceptanceResult> AcceptAsync(Acceptance acceptance, (string EmailKey, SecretHash Attempt)? releaseOtpAttemptOf, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(acceptance);
        var invitation = acceptance.Invitation;
        // No account lock: an acceptance turns a pending seat into a member seat, so it changes no seat count, and the
        // invitation's compare-and-swap and the membership's key keep it atomic. Accepts never queue behind invites.
        // An existing membership is found by its key when the insert fails, and then nothing is committed.
        return InTransactionAsync(async () =>
        {
            string? superseded = null;
            if (acceptance.MakeActiveForProduct)
            {
                superseded = await MakeActiveAsync(acceptance.Member.UserId, invitation.ProductId, invitation.AccountId, cancellationToken).ConfigureAwait(false);
            }

            Replace(invitation);
            var release = releaseOtpAttemptOf;
            if (release is null)
            {
                Members.Add(ToEntity(acceptance.Member));
            }

            try
            {
                await _context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                if (release is not null)
                {
                    // SQLite sends each saved row as a command of its own: the membership and the attempt's release go
                    // as one command instead.
                    await InsertMemberAndReleaseAsync(acceptance.Member, release.Value.EmailKey, release.Value.Attempt, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (DbUpdateConcurrencyException)
            {
                return (new AcceptanceResult(AcceptanceStatus.Conflict), false);
            }
            catch (Exception duplicate) when (DatabaseDialect.IsUniqueViolation(duplicate))
            {
                return (new AcceptanceResult(AcceptanceStatus.AlreadyMember), false);
            }

            return (new AcceptanceResult(AcceptanceStatus.Accepted, superseded), true);
        }, cancellationToken);
    }

    private Task InsertMemberAndReleaseAsync(Member member, string emailKey, SecretHash attempt, CancellationToken cancellationToken)
    {
        var row = ToEntity(member);
        var sql = new SqlBuilder();
        var values = sql.List([row.AccountId, row.UserId, row.Roles, row.IsOwner, row.JoinedAt, row.InvitationId is { } id ? _dialect.GuidParameter(id) : DBNull.Value]);
        sql.Statement($"INSERT INTO {Tables.Members} (account_id, user_id, roles, is_owner, joined_at, invitation_id) VALUES ({values})")
            .Append(ReleaseOtpAttempt(sql, sql.Value(emailKey), attempt));
        return RawSql.ExecuteAsync(_context, sql, cancellationToken);
    }

    /// <summary>Makes the account the user's active one for the product; returns the one it superseded.</summary>
    private async Task<string?> MakeActiveAsync(string userId, string productId, string accountId, CancellationToken cancellationToken)
    {
        // Insert-if-absent first so the row exists to be locked, then read it under the lock.
        var insert = new SqlBuilder();
        insert.Append($"INSERT INTO {Tables.ActiveAccounts} (user_id, product_id, account_id) VALUES ({insert.List([userId, productId])}, '') ON CONFLICT (user_id, product_id) DO NOTHING");
        await RawSql.ExecuteAsync(_context, insert, cancellationToken).ConfigureAwait(false);
        var row = await RawSql.Rows(ActiveAccounts, _dialect.LockActiveAccount(userId, productId))
            .SingleAsync(cancellationToken).ConfigureAwait(false);
        var superseded = row.AccountId.Length != 0
            ? row.AccountId
            : await Members.AsNoTracking() // a founding owner's account counts as their active account
                .Where(m => m.UserId == userId && m.IsOwner && m.InvitationId == null && m.AccountId != accountId)
                .OrderBy(m => m.JoinedAt).ThenBy(m => m.AccountId)
                .Select(m => m.AccountId)
                .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        row.AccountId = accountId;
        return superseded;
    }
}
