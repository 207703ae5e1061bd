using InvitationKit.EntityFrameworkCore.Model;
using InvitationKit.EntityFrameworkCore.Stores;
using Microsoft.EntityFrameworkCore;

namespace InvitationKit.EntityFrameworkCore;

/// <summary>
/// Whether the database's InvitationKit tables are the ones the shipped scripts make: every column the model maps, the
/// column defaults the kit's statements rely on, the seat counter's and the invitation counts' triggers and the indexes. Tables made by something
/// else (<c>EnsureCreated</c>, or an EF Core migration that took them in) miss the defaults and triggers, and the first
/// write would fail or count seats wrong; this names what is missing and the fix instead. One query reads the catalog.
/// </summary>
internal static class SchemaCheck
{
    /// <summary>The fix for tables the scripts did not make.</summary>
    public const string Fix =
        "InvitationKit's tables must be made by its scripts, never by EnsureCreated or an EF Core migration "
        + "(ApplyInvitationKitModel() excludes them from both). Drop the invitationkit_* tables, including invitationkit_schema_history "
        + "(made this way they cannot have held working data), remove them from your migrations if an older one created them, "
        + "and call await InvitationKitSchema.ApplyAsync(context) at start-up; see docs/operations.md, \"The schema\".";

    private static readonly string[] Indexes =
    [
        "ix_invitationkit_invitations_secret_hash", "ux_invitationkit_invitations_one_pending", "ix_invitationkit_invitations_email_status",
        "ix_invitationkit_invitations_overdue", "ix_invitationkit_invitations_outbox", "ix_invitationkit_invitations_pending_seats",
        "ix_invitationkit_invitations_account_listing", "ix_invitationkit_invitations_account_recent", "ix_invitationkit_invitations_user_release",
        "ix_invitationkit_invitations_account_email", "ix_invitationkit_invitations_account_inviter", "ix_invitationkit_invitations_retention",
        "ix_invitationkit_invitations_notices",
        "ix_invitationkit_idempotent_invites_first", "ix_invitationkit_idempotent_invites_recorded", "ix_invitationkit_rate_limits_window_end", "ix_invitationkit_email_domains_verified",
    ];

    private static readonly string[] SqliteTriggers =
    [
        "invitationkit_seats_invitation_inserted", "invitationkit_seats_invitation_resolved", "invitationkit_seats_invitation_deleted",
        "invitationkit_seats_member_inserted", "invitationkit_seats_member_deleted",
        "invitationkit_counts_invitation_inserted", "invitationkit_counts_invitation_status", "invitationkit_counts_invitation_deleted",
    ];

    private static readonly string[] PostgreSqlTriggers =
    [
        "invitationkit_seats_invitations_inserted", "invitationkit_seats_invitation_resolved", "invitationkit_seats_invitation_deleted",
        "invitationkit_seats_members_inserted", "invitationkit_seats_member_deleted",
        "invitationkit_counts_invitations_inserted", "invitationkit_counts_invitation_status", "invitationkit_counts_invitations_deleted",
    ];

    private static readonly string[] Defaults =
    [
        $"{Tables.Invitations}.key_id", $"{Tables.Invitations}.delivery_attempts", $"{Tables.Invitations}.pending_user_release_due",
        $"{Tables.Invitations}.notice_attempts", $"{Tables.Invitations}.host_delivered",
        $"{Tables.AccountLocks}.stored_seats",
    ];

    // Rows of "index:name", "trigger:name", "column:table.column" and "default:table.column".
    private const string SqliteCatalog =
        "SELECT type || ':' || name AS \"Value\" FROM sqlite_master WHERE type IN ('index', 'trigger') AND tbl_name LIKE 'invitationkit\\_%' ESCAPE '\\' "
        + "UNION ALL SELECT 'column:' || m.name || '.' || p.name FROM sqlite_master m, pragma_table_info(m.name) p WHERE m.type = 'table' AND m.name LIKE 'invitationkit\\_%' ESCAPE '\\' "
        + "UNION ALL SELECT 'default:' || m.name || '.' || p.name FROM sqlite_master m, pragma_table_info(m.name) p WHERE m.type = 'table' AND m.name LIKE 'invitationkit\\_%' ESCAPE '\\' AND p.dflt_value IS NOT NULL";

    private const string PostgreSqlCatalog =
        "SELECT 'index:' || indexname AS \"Value\" FROM pg_indexes WHERE schemaname = current_schema() AND tablename LIKE 'invitationkit\\_%' "
        + "UNION ALL SELECT 'trigger:' || t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
        + "WHERE NOT t.tgisinternal AND n.nspname = current_schema() AND c.relname LIKE 'invitationkit\\_%' "
        + "UNION ALL SELECT 'column:' || table_name || '.' || column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name LIKE 'invitationkit\\_%' "
        + "UNION ALL SELECT 'default:' || table_name || '.' || column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name LIKE 'invitationkit\\_%' AND column_default IS NOT NULL";

    /// <summary>The query that reads the kit's part of the catalog.</summary>
    public static SqlBuilder Catalog(InvitationKitDatabase database) =>
        new SqlBuilder().Append(database == InvitationKitDatabase.Sqlite ? SqliteCatalog : PostgreSqlCatalog);

    /// <summary>The defaults, triggers and indexes the kit needs, as rows of <see cref="Catalog"/>.</summary>
    public static IEnumerable<string> Required(InvitationKitDatabase database) =>
    [
        .. Defaults.Select(column => "default:" + column),
        .. (database == InvitationKitDatabase.Sqlite ? SqliteTriggers : PostgreSqlTriggers).Select(trigger => "trigger:" + trigger),
        .. Indexes.Select(index => "index:" + index),
    ];

    /// <summary>What the catalog lacks of what the kit needs, in words; empty when nothing.</summary>
    /// <param name="context">A context whose model includes the kit's tables.</param>
    /// <param name="database">The database.</param>
    /// <param name="catalog">The rows of <see cref="Catalog"/>.</param>
    public static IReadOnlyList<string> Missing(DbContext context, InvitationKitDatabase database, IReadOnlyCollection<string> catalog)
    {
        var present = catalog.ToHashSet(StringComparer.Ordinal);
        var columns = context.Model.GetEntityTypes()
            .Where(entity => entity.GetTableName()?.StartsWith(Tables.Prefix, StringComparison.Ordinal) == true)
            .SelectMany(entity => entity.GetProperties().Select(property => $"column:{entity.GetTableName()}.{property.GetColumnName()}"));
        return columns.Concat(Required(database))
            .Where(row => !present.Contains(row))
            .Select(row => row.Replace(":", " ", StringComparison.Ordinal).Replace("default ", "the default of ", StringComparison.Ordinal))
            .ToList();
    }

    /// <summary>The message for a schema that lacks something.</summary>
    public static string Describe(InvitationKitDatabase database, IReadOnlyList<string> missing) =>
        $"The {database} database's InvitationKit tables are not the ones its scripts make: they lack {string.Join(", ", missing.Take(8))}"
        + (missing.Count > 8 ? $" and {missing.Count - 8} more" : "") + ". " + Fix;
}
