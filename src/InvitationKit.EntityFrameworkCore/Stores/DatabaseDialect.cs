using System.Runtime.CompilerServices;
using InvitationKit.EntityFrameworkCore.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace InvitationKit.EntityFrameworkCore.Stores;

/// <summary>
/// How each supported database makes "check, then write" one step across connections and processes.
/// </summary>
/// <remarks>
/// <para>
/// Every operation that reads an account's seats or owners and then writes (batch insert, acceptance, member removal,
/// founding owner) first upserts the account's row in <c>invitationkit_account_locks</c> inside its transaction.
/// </para>
/// <list type="bullet">
/// <item><b>PostgreSQL</b>: the upsert takes a row lock held until commit, so operations on one account queue up while
/// other accounts proceed. At READ COMMITTED every later statement sees what the previous holder committed.
/// (Serializable isolation would also be correct, but turns contention into retries; a row lock makes it waiting.)</item>
/// <item><b>SQLite</b>: transactions begin <c>IMMEDIATE</c> (Microsoft.Data.Sqlite's default), taking the database's
/// single write lock up front and waiting for it via the busy timeout — never failing on a lock upgrade. With WAL,
/// readers are not blocked. Nothing else can commit until we do, so the upsert merely keeps the code path uniform.</item>
/// </list>
/// <para>
/// The lock row also holds the account's seat counter (<see cref="SeatCounter"/>), kept by the schema's triggers: a write
/// that changes it (an invite, a revoke, a removal) takes the row's lock as an invite does; an acceptance does not change it.
/// </para>
/// <para>
/// Status changes need no lock: each is one <c>UPDATE … WHERE id = @id AND revision = @expected</c>, atomic in both
/// databases. A unique partial index (<c>status = 0</c>) on (account, email key) backs the one-pending rule.
/// </para>
/// </remarks>
internal sealed class DatabaseDialect
{
    private const string SqliteProvider = "Microsoft.EntityFrameworkCore.Sqlite";
    private const string PostgreSqlProvider = "Npgsql.EntityFrameworkCore.PostgreSQL";

    // On SQLite the transaction's write lock already covers the row; PostgreSQL locks it until commit.
    private static readonly DatabaseDialect Sqlite = new(
        InvitationKitDatabase.Sqlite,
        rowLock: string.Empty,
        schemaLock: "SELECT 1",
        tableExists: "SELECT COUNT(*) AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name = ");

    private static readonly DatabaseDialect PostgreSql = new(
        InvitationKitDatabase.PostgreSql,
        rowLock: " FOR UPDATE",
        schemaLock: "SELECT pg_advisory_xact_lock(7264117055124373)",
        tableExists: "SELECT COUNT(*)::int AS \"Value\" FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = ");

    // A SELECT's suffix that locks the rows it reads until commit.
    private readonly string _rowLock;

    // The start of a query counting the tables of the current schema of a name; the name's placeholder follows.
    private readonly string _tableExists;

    private DatabaseDialect(InvitationKitDatabase database, string rowLock, string schemaLock, string tableExists)
    {
        Database = database;
        _rowLock = rowLock;
        SchemaLockSql = schemaLock;
        _tableExists = tableExists;
    }

    public InvitationKitDatabase Database { get; }

    /// <summary>A statement that serializes schema upgrades run by several instances at once.</summary>
    public string SchemaLockSql { get; }

    // EF Core builds a model per context type and provider, so the model says the provider; asking the context its
    // provider's name reads an assembly's name anew each time (a few microseconds a request).
    private static readonly ConditionalWeakTable<IModel, DatabaseDialect> ByModel = [];

    public static DatabaseDialect For(DbContext context)
    {
        var model = context.Model;
        if (!ByModel.TryGetValue(model, out var dialect))
        {
            dialect = For(context.Database.ProviderName);
            ByModel.AddOrUpdate(model, dialect);
        }

        return dialect;
    }

    public static DatabaseDialect For(string? providerName) => providerName switch
    {
        SqliteProvider => Sqlite,
        PostgreSqlProvider => PostgreSql,
        var other => throw new NotSupportedException(
            $"InvitationKit.EntityFrameworkCore supports SQLite and PostgreSQL, not '{other}'. "
            + "For another database implement IInvitationStore and prove it with the conformance kit in InvitationKit.Testing.Conformance."),
    };

    /// <summary>
    /// The collation that orders text by code point, as C#'s ordinal comparison does, appended to a column: SQLite's
    /// default (BINARY, on UTF-8) already does; PostgreSQL's "C". The address search's index is built with it.
    /// </summary>
    public string CodePointCollation => Database == InvitationKitDatabase.PostgreSql ? " COLLATE \"C\"" : string.Empty;

    /// <summary>A GUID as this provider's EF Core mapping stores it: uppercase text on SQLite, <c>uuid</c> on PostgreSQL.</summary>
    public object GuidParameter(Guid value) => Database == InvitationKitDatabase.Sqlite ? value.ToString("D").ToUpperInvariant() : value;

    /// <summary>Whether a failed save or command broke a unique key (PostgreSQL's SQLSTATE 23505; SQLite's "UNIQUE constraint failed").</summary>
    public static bool IsUniqueViolation(Exception exception) =>
        (exception as System.Data.Common.DbException ?? (exception as DbUpdateException)?.InnerException as System.Data.Common.DbException) is { } inner
        && (inner.SqlState == "23505" || inner.Message.Contains("UNIQUE constraint failed", StringComparison.Ordinal));

    /// <summary>
    /// Begins a command of its own transaction whose commit need not wait for the database's disk: on PostgreSQL its
    /// implicit transaction commits with <c>synchronous_commit</c> off (the write is flushed a moment later; a crash of
    /// the database server in between loses it, and nothing else). Only for a write whose loss the kit recovers from by
    /// itself, as a delivery record: an unrecorded send is taken over when its lease lapses and sent again, which is the
    /// outbox's at-least-once promise anyway. Inside a transaction of the caller's, nothing changes: its durability is
    /// the caller's to choose.
    /// </summary>
    /// <param name="sql">The command, before its first statement.</param>
    /// <param name="context">The context the command runs on.</param>
    public void CommitWithoutWaitingForDisk(SqlBuilder sql, DbContext context)
    {
        if (Database == InvitationKitDatabase.PostgreSql && context.Database.CurrentTransaction is null)
        {
            sql.Statement("SELECT set_config('synchronous_commit', 'off', true)");
        }
    }

    /// <summary>Reads a user's active-account row for a product, locked until commit.</summary>
    public SqlBuilder LockActiveAccount(string userId, string productId)
    {
        var sql = new SqlBuilder();
        return sql.Append($"SELECT * FROM {Tables.ActiveAccounts} WHERE user_id = {sql.Value(userId)} AND product_id = {sql.Value(productId)}{_rowLock}");
    }

    /// <summary>Counts the tables of the current schema named <paramref name="table"/> (0 or 1), as a column named <c>Value</c>.</summary>
    public SqlBuilder TableExists(string table)
    {
        var sql = new SqlBuilder();
        return sql.Append(_tableExists + sql.Value(table));
    }

    /// <summary>Takes the account's lock for the rest of the current transaction.</summary>
    public Task LockAccountAsync(DbContext context, string accountId, CancellationToken cancellationToken)
    {
        var sql = new SqlBuilder();
        LockAccount(sql, sql.Value(accountId));
        return RawSql.ExecuteAsync(context, sql, cancellationToken);
    }

    /// <summary>
    /// Appends the statement that takes the account's lock for the rest of the current transaction, for a command that
    /// goes on under it in the same round trip (each later statement of the command reads after the lock is held).
    /// </summary>
    /// <param name="sql">The command.</param>
    /// <param name="account">The account id's placeholder in <paramref name="sql"/>.</param>
    public static void LockAccount(SqlBuilder sql, string account) =>
        sql.Statement($"INSERT INTO {Tables.AccountLocks} (account_id, version) VALUES ({account}, 1) "
            + $"ON CONFLICT (account_id) DO UPDATE SET version = {Tables.AccountLocks}.version + 1");
}
