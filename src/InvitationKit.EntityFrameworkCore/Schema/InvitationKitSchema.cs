using System.Reflection;
using InvitationKit.EntityFrameworkCore.Model;
using InvitationKit.EntityFrameworkCore.Stores;
using Microsoft.EntityFrameworkCore;

namespace InvitationKit.EntityFrameworkCore;

/// <summary>
/// The shipped schema scripts and a way to apply them. Scripts are versioned (<c>V001__initial.sql</c>, …), and each runs
/// in the transaction that records it in <c>invitationkit_schema_history</c>, so applying at every start-up only runs
/// what is new.
/// </summary>
public static class InvitationKitSchema
{
    /// <summary>The scripts for a database, oldest first, as (version, SQL) — for DBAs who run them by hand.</summary>
    /// <param name="database">The database.</param>
    /// <returns>The scripts.</returns>
    public static IReadOnlyList<(int Version, string Sql)> GetScripts(InvitationKitDatabase database)
    {
        var folder = database == InvitationKitDatabase.Sqlite ? "sqlite" : "postgresql";
        var prefix = $"InvitationKit.Schema.{folder}/V";
        var assembly = typeof(InvitationKitSchema).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
            .Select(n => (Version: int.Parse(n.AsSpan(prefix.Length, 3), System.Globalization.CultureInfo.InvariantCulture), Sql: Read(assembly, n)))
            .OrderBy(s => s.Version)
            .ToArray();
    }

    /// <summary>
    /// Creates or upgrades InvitationKit's tables in the context's database. Safe to call at every start-up and from
    /// several instances at once (serialized by a database lock). On SQLite it also switches a file database to WAL.
    /// It works beside EF Core migrations and <c>EnsureCreated</c> of the same context: <c>ApplyInvitationKitModel()</c>
    /// keeps the kit's tables out of both. (<c>EnsureCreated</c> does nothing in a database that has any table, so call it
    /// first.)
    /// </summary>
    /// <param name="context">A context whose model includes <c>ApplyInvitationKitModel()</c>.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The versions applied by this call.</returns>
    /// <exception cref="InvalidOperationException">
    /// InvitationKit's tables exist but its scripts did not make them (they lack the defaults, triggers or indexes the kit
    /// needs, or have no schema history); the message names what is missing and the fix. Nothing is changed.
    /// </exception>
    public static async Task<IReadOnlyList<int>> ApplyAsync(DbContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var dialect = DatabaseDialect.For(context);
        var database = context.Database;
        if (dialect.Database == InvitationKitDatabase.Sqlite)
        {
            // Many readers beside one writer; ignored by in-memory databases. Must run outside a transaction.
            await RawSql.ExecuteAsync(context, new SqlBuilder().Append("PRAGMA journal_mode=WAL;"), cancellationToken).ConfigureAwait(false);
        }

        var applied = new List<int>();
        await database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            applied.Clear();
            await using var transaction = await database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await RawSql.ExecuteAsync(context, new SqlBuilder().Append(dialect.SchemaLockSql), cancellationToken).ConfigureAwait(false);
            await RawSql.ExecuteAsync(
                context,
                new SqlBuilder().Append($"CREATE TABLE IF NOT EXISTS {Tables.SchemaHistory} (version integer NOT NULL PRIMARY KEY, applied_at bigint NOT NULL)"),
                cancellationToken).ConfigureAwait(false);
            var done = await RawSql.Query<int>(context, new SqlBuilder().Append($"SELECT version AS \"Value\" FROM {Tables.SchemaHistory}")).ToListAsync(cancellationToken).ConfigureAwait(false);
            if (done.Count == 0 && (await ReadCatalogAsync(context, dialect, cancellationToken).ConfigureAwait(false))
                .Any(row => row.StartsWith("column:", StringComparison.Ordinal) && !row.StartsWith($"column:{Tables.SchemaHistory}.", StringComparison.Ordinal)))
            {
                throw new InvalidOperationException(
                    $"The {dialect.Database} database has InvitationKit tables that its scripts did not make (no schema history): "
                    + "EnsureCreated or an EF Core migration made them. " + SchemaCheck.Fix);
            }

            foreach (var (version, script) in GetScripts(dialect.Database).Where(s => !done.Contains(s.Version)))
            {
                await RawSql.ExecuteAsync(context, new SqlBuilder().Append(script), cancellationToken).ConfigureAwait(false);
                var record = new SqlBuilder();
                record.Append($"INSERT INTO {Tables.SchemaHistory} (version, applied_at) VALUES ({record.List([version, DateTimeOffset.UtcNow.ToUnixTimeSeconds()])})");
                await RawSql.ExecuteAsync(context, record, cancellationToken).ConfigureAwait(false);
                applied.Add(version);
            }

            var missing = SchemaCheck.Missing(context, dialect.Database, await ReadCatalogAsync(context, dialect, cancellationToken).ConfigureAwait(false));
            if (missing.Count > 0)
            {
                throw new InvalidOperationException(SchemaCheck.Describe(dialect.Database, missing)); // rolls this call's scripts back
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
        return applied;
    }

    /// <summary>The newest schema version applied to the context's database; null when InvitationKit's tables were never created.</summary>
    internal static int? AppliedVersion(DbContext context)
    {
        var dialect = DatabaseDialect.For(context);
        if (RawSql.Query<int>(context, dialect.TableExists(Tables.SchemaHistory)).AsEnumerable().Single() == 0)
        {
            return null;
        }

        return RawSql.Query<int>(context, new SqlBuilder().Append($"SELECT COALESCE(MAX(version), 0) AS \"Value\" FROM {Tables.SchemaHistory}")).AsEnumerable().Single();
    }

    private static async Task<List<string>> ReadCatalogAsync(DbContext context, DatabaseDialect dialect, CancellationToken cancellationToken) =>
        await RawSql.Query<string>(context, SchemaCheck.Catalog(dialect.Database)).ToListAsync(cancellationToken).ConfigureAwait(false);

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
