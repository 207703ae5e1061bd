using Microsoft.EntityFrameworkCore;

namespace InvitationKit.EntityFrameworkCore.Tests;

/// <summary>
/// The kit's scripts own its tables: a host's <c>EnsureCreated</c> and migrations leave them out, and tables made by
/// anything else are refused at start-up and by <c>ApplyAsync</c> with the fix, instead of failing on the first write
/// ("null value in column stored_seats", "duplicate column name: key_id").
/// </summary>
public sealed class SchemaOwnershipTests
{
    [Fact]
    public Task Ensure_created_leaves_the_kit_tables_to_the_scripts_on_sqlite() => EnsureCreatedThenApply(InvitationKitDatabase.Sqlite);

    [PostgresFact]
    public Task Ensure_created_leaves_the_kit_tables_to_the_scripts_on_postgresql() => EnsureCreatedThenApply(InvitationKitDatabase.PostgreSql);

    [Fact]
    public Task Tables_made_by_something_else_are_refused_with_the_fix_on_sqlite() => ForeignTablesAreRefused(InvitationKitDatabase.Sqlite);

    [PostgresFact]
    public Task Tables_made_by_something_else_are_refused_with_the_fix_on_postgresql() => ForeignTablesAreRefused(InvitationKitDatabase.PostgreSql);

    [Fact]
    public Task A_schema_missing_a_trigger_or_default_is_reported_on_sqlite() => DamagedSchemaIsReported(InvitationKitDatabase.Sqlite);

    [PostgresFact]
    public Task A_schema_missing_a_trigger_or_default_is_reported_on_postgresql() => DamagedSchemaIsReported(InvitationKitDatabase.PostgreSql);

    [Fact]
    public Task The_check_knows_every_default_trigger_and_index_the_sqlite_scripts_make() => CheckMatchesScripts(InvitationKitDatabase.Sqlite);

    [PostgresFact]
    public Task The_check_knows_every_default_trigger_and_index_the_postgresql_scripts_make() => CheckMatchesScripts(InvitationKitDatabase.PostgreSql);

    private static async Task EnsureCreatedThenApply(InvitationKitDatabase kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind, applySchema: false);
        var options = new DbContextOptionsBuilder<HostContext>();
        database.Configure(options);
        await using (var host = new HostContext(options.Options))
        {
            Assert.True(await host.Database.EnsureCreatedAsync());
            Assert.Equal(1, await database.ScalarAsync(CountTables(kind, "host_widgets")));
            Assert.Equal(0, await database.ScalarAsync(CountTables(kind, "invitationkit_invitations")));
            Assert.DoesNotContain("invitationkit", host.Database.GenerateCreateScript(), StringComparison.Ordinal);
            Assert.NotEmpty(await InvitationKitSchema.ApplyAsync(host));
        }

        Assert.Empty(Validate(database));
    }

    private static async Task ForeignTablesAreRefused(InvitationKitDatabase kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind, applySchema: false);
        await using (var context = database.NewContext())
        {
            // What an EF Core migration of the kit's model used to make: the table, without the scripts' default.
            await context.Database.ExecuteSqlRawAsync("CREATE TABLE invitationkit_account_locks (account_id varchar(256) NOT NULL PRIMARY KEY, version bigint NOT NULL, stored_seats integer NOT NULL)");
            var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => InvitationKitSchema.ApplyAsync(context));
            Assert.Contains("tables that its scripts did not make", refused.Message, StringComparison.Ordinal);
            Assert.Contains("Drop the invitationkit_* tables", refused.Message, StringComparison.Ordinal);
        }

        Assert.Equal(0, await database.ScalarAsync(CountTables(kind, "invitationkit_invitations"))); // nothing half-written
        Assert.Contains(Validate(database), failure => failure.Contains("has no InvitationKit tables", StringComparison.Ordinal));
    }

    private static async Task DamagedSchemaIsReported(InvitationKitDatabase kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using (var context = database.NewContext())
        {
            await context.Database.ExecuteSqlRawAsync(kind == InvitationKitDatabase.Sqlite
                ? "DROP TRIGGER invitationkit_seats_member_deleted"
                : "DROP TRIGGER invitationkit_seats_member_deleted ON invitationkit_members");
            await context.Database.ExecuteSqlRawAsync("DROP INDEX ix_invitationkit_invitations_outbox");
        }

        var failure = Assert.Single(Validate(database));
        Assert.Contains("lack trigger invitationkit_seats_member_deleted, index ix_invitationkit_invitations_outbox", failure, StringComparison.Ordinal);
        Assert.Contains("Drop the invitationkit_* tables", failure, StringComparison.Ordinal);
        await using (var context = database.NewContext())
        {
            var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => InvitationKitSchema.ApplyAsync(context));
            Assert.Equal(failure, refused.Message);
        }
    }

    private static async Task CheckMatchesScripts(InvitationKitDatabase kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var context = database.NewContext();
        var catalog = await context.Database.SqlQueryRaw<string>(SchemaCheck.Catalog(kind).Text).ToListAsync();
        var made = catalog.Where(row => !row.StartsWith("column:", StringComparison.Ordinal) && !row.EndsWith("_pkey", StringComparison.Ordinal) && !row.StartsWith("index:sqlite_autoindex_", StringComparison.Ordinal)) // primary keys
            .Where(row => kind == InvitationKitDatabase.PostgreSql || row != $"default:{Model.Tables.Invitations}.issued_at"); // only SQLite's script gives it one
        Assert.Equal(made.Order(StringComparer.Ordinal), SchemaCheck.Required(kind).Order(StringComparer.Ordinal));
        Assert.Empty(SchemaCheck.Missing(context, kind, catalog));
    }

    private static string CountTables(InvitationKitDatabase kind, string table) => kind == InvitationKitDatabase.Sqlite
        ? $"SELECT COUNT(*) AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name = '{table}'"
        : $"SELECT COUNT(*) AS \"Value\" FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = '{table}'";

    private static IReadOnlyList<string> Validate(TestDatabase database) => OptionsValidation.Failures(database);

    /// <summary>A host's own context: its table and the kit's model.</summary>
    private sealed class HostContext(DbContextOptions<HostContext> options) : DbContext(options)
    {
        protected override void OnModelCreating(ModelBuilder modelBuilder)
        {
            modelBuilder.Entity<Widget>().ToTable("host_widgets");
            modelBuilder.ApplyInvitationKitModel();
        }
    }

    private sealed class Widget
    {
        public int Id { get; set; }
    }
}
