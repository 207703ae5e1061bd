using InvitationKit.EntityFrameworkCore.Model;
using NodaTime;
using static InvitationKit.EntityFrameworkCore.Model.EntityMapping;

namespace InvitationKit.EntityFrameworkCore.Stores;

/// <summary>Retention: the personal data of finished invitations, erased in batches by the expiry sweep.</summary>
internal sealed partial class EntityFrameworkCoreInvitationStore<TContext>
{
    /// <summary>
    /// Retention: one statement erases a batch of finished invitations' personal data, oldest first, read from the
    /// partial index of the rows not erased yet (ix_invitationkit_invitations_retention, schema V011). On PostgreSQL a
    /// row another instance erased meanwhile fails the re-checked <c>email_key &lt;&gt; ''</c> and is skipped.
    /// </summary>
    public async Task<int> EraseFinishedAsync(Instant resolvedBefore, int limit, CancellationToken cancellationToken)
    {
        await OpenAsync(cancellationToken).ConfigureAwait(false);
        var sql = new SqlBuilder();
        const string Due = "email_key <> '' AND NOT pending_user_release_due AND status <> 0";
        sql.Append($"UPDATE {Tables.Invitations} SET email = '', email_key = '', user_id = NULL, resolved_by = NULL, metadata = NULL, return_url = NULL, revision = revision + 1 "
            + $"WHERE {Due} AND id IN (SELECT id FROM {Tables.Invitations} WHERE {Due} AND resolved_at < {sql.Value(ToTicks(resolvedBefore))} "
            + $"ORDER BY resolved_at LIMIT {sql.Value(limit)})");
        return await RawSql.ExecuteAsync(_context, sql, cancellationToken).ConfigureAwait(false);
    }
}
