using InvitationKit.EntityFrameworkCore.Model;
using InvitationKit.Ports;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using static InvitationKit.EntityFrameworkCore.Model.EntityMapping;

namespace InvitationKit.EntityFrameworkCore.Stores;

/// <summary>
/// Acceptance: the invitation's compare-and-swap, the membership and the active account, in one transaction (on
/// PostgreSQL without an active account, in one statement).
/// </summary>
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
        if (!acceptance.MakeActiveForProduct && _dialect.Database == InvitationKitDatabase.PostgreSql
            && _context.Database.CurrentTransaction is null && System.Transactions.Transaction.Current is null)
        {
            // On PostgreSQL the swap, the insert and the release are one statement, atomic by itself: with no transaction
            // to begin and commit, the acceptance is one round trip after the link's read. Inside a caller's transaction it
            // takes the transactional path, which refuses to run there as every other write does.
            cancellationToken.ThrowIfCancellationRequested();
            return _context.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
            {
                await OpenAsync(cancellationToken).ConfigureAwait(false);
                var sql = new SqlBuilder();
                var affected = AcceptStatement(sql, invitation, acceptance.Member, releaseOtpAttemptOf);
                return (await RunAcceptanceAsync(sql, affected, superseded: null, cancellationToken).ConfigureAwait(false)).Result;
            });
        }

        return InTransactionAsync(async () =>
        {
            var sql = new SqlBuilder();
            var affected = 0;
            string? superseded = null;
            if (acceptance.MakeActiveForProduct)
            {
                superseded = await MakeActiveAsync(acceptance.Member.UserId, invitation.ProductId, invitation.AccountId, cancellationToken).ConfigureAwait(false);
                sql.Statement($"UPDATE {Tables.ActiveAccounts} SET account_id = {sql.Value(invitation.AccountId)} "
                    + $"WHERE user_id = {sql.Value(acceptance.Member.UserId)} AND product_id = {sql.Value(invitation.ProductId)}");
                affected++;
            }

            affected += AcceptStatement(sql, invitation, acceptance.Member, releaseOtpAttemptOf);
            return await RunAcceptanceAsync(sql, affected, superseded, cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
    }

    /// <summary>
    /// Runs the acceptance's command: accepted (and to commit) when it wrote at least <paramref name="affected"/> rows; a
    /// lost compare-and-swap is a conflict, a membership's key already taken means already a member.
    /// </summary>
    private async Task<(AcceptanceResult Result, bool Commit)> RunAcceptanceAsync(SqlBuilder sql, int affected, string? superseded, CancellationToken cancellationToken)
    {
        try
        {
            if (await RawSql.ExecuteAsync(_context, sql, cancellationToken).ConfigureAwait(false) < affected)
            {
                return (new AcceptanceResult(AcceptanceStatus.Conflict), false);
            }
        }
        catch (Exception duplicate) when (DatabaseDialect.IsUniqueViolation(duplicate))
        {
            return (new AcceptanceResult(AcceptanceStatus.AlreadyMember), false);
        }

        return (new AcceptanceResult(AcceptanceStatus.Accepted, superseded), true);
    }

    /// <summary>
    /// Appends the acceptance's statements: the invitation's compare-and-swap and, only when it swapped, the membership
    /// and the attempt's release (one command: EF Core's <c>SaveChanges</c> would send the swap and the insert apart on
    /// SQLite, and track both). Returns the rows the command reports written at least when the swap succeeded: SQLite
    /// counts each statement's rows, and a statement after the swap reads whether it swapped with <c>changes()</c>;
    /// on PostgreSQL the swap, the insert and the release are one statement of data-modifying CTEs, counted by its insert.
    /// </summary>
    private int AcceptStatement(SqlBuilder sql, Invitation invitation, Member member, (string EmailKey, SecretHash Attempt)? release)
    {
        var before = _read.TryGetValue(invitation.Id, out var read) && read.Revision == invitation.Revision ? ToEntity(read) : null;
        var swap = InvitationSwap.Update(sql, _context.Model, _dialect, before, ToEntity(invitation with { Revision = invitation.Revision + 1 }), invitation.Revision);
        var row = ToEntity(member);
        var values = sql.List([row.AccountId, row.UserId, row.Roles, row.IsOwner, row.JoinedAt, row.InvitationId is { } id ? _dialect.GuidParameter(id) : DBNull.Value, row.Metadata]);
        var insert = $"INSERT INTO {Tables.Members} (account_id, user_id, roles, is_owner, joined_at, invitation_id, metadata) SELECT {values}";
        var released = release is { } attempt ? ReleaseOtpAttempt(sql, sql.Value(attempt.EmailKey), attempt.Attempt) : null;
        if (_dialect.Database == InvitationKitDatabase.Sqlite)
        {
            sql.Statement(swap).Statement($"{insert} WHERE changes() = 1");
            if (released is not null)
            {
                sql.Statement($"{released} AND changes() = 1");
            }

            return 2;
        }

        var releaseStep = released is null ? string.Empty : $", released AS ({released} AND EXISTS (SELECT 1 FROM swapped))";
        sql.Statement($"WITH swapped AS ({swap} RETURNING 1){releaseStep} {insert} FROM swapped");
        return 1;
    }

    /// <summary>
    /// Locks the user's active-account row for the product (made if absent) and returns the account that making
    /// <paramref name="accountId"/> active would supersede; the caller writes the row.
    /// </summary>
    private async Task<string?> MakeActiveAsync(string userId, string productId, string accountId, CancellationToken cancellationToken)
    {
        // Insert-if-absent first so the row exists to be locked, then read it under the lock.
        var insert = new SqlBuilder();
        insert.Append($"INSERT INTO {Tables.ActiveAccounts} (user_id, product_id, account_id) VALUES ({insert.List([userId, productId])}, '') ON CONFLICT (user_id, product_id) DO NOTHING");
        await RawSql.ExecuteAsync(_context, insert, cancellationToken).ConfigureAwait(false);
        var row = await RawSql.Rows(ActiveAccounts, _dialect.LockActiveAccount(userId, productId)).AsNoTracking()
            .SingleAsync(cancellationToken).ConfigureAwait(false);
        var superseded = row.AccountId.Length != 0
            ? row.AccountId
            : await Members.AsNoTracking() // a founding owner's account counts as their active account
                .Where(m => m.UserId == userId && m.IsOwner && m.InvitationId == null && m.AccountId != accountId)
                .OrderBy(m => m.JoinedAt).ThenBy(m => m.AccountId)
                .Select(m => m.AccountId)
                .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return superseded;
    }
}
