using InvitationKit.EntityFrameworkCore.Stores;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace InvitationKit.EntityFrameworkCore.Tests;

/// <summary>A throwaway database of either kind, created from the package's shipped schema scripts.</summary>
internal sealed class TestDatabase : IAsyncDisposable
{
    private TestDatabase(InvitationKitDatabase kind, string connectionString)
    {
        Kind = kind;
        ConnectionString = connectionString;
    }

    public InvitationKitDatabase Kind { get; }

    public string ConnectionString { get; }

    public static async Task<TestDatabase> CreateAsync(InvitationKitDatabase kind, bool applySchema = true)
    {
        var connectionString = kind == InvitationKitDatabase.Sqlite
            ? $"Data Source={Path.Combine(Path.GetTempPath(), $"invitationkit-{Guid.NewGuid():N}.db")};Default Timeout=60"
            : await PostgresServer.CreateDatabaseAsync();
        var database = new TestDatabase(kind, connectionString);
        if (applySchema)
        {
            await using var context = database.NewContext();
            await InvitationKitSchema.ApplyAsync(context);
        }

        return database;
    }

    public static DbContextOptions<InvitationKitDbContext> Options(InvitationKitDatabase kind, string connectionString) =>
        (kind == InvitationKitDatabase.Sqlite
            ? new DbContextOptionsBuilder<InvitationKitDbContext>().UseSqlite(connectionString)
            : new DbContextOptionsBuilder<InvitationKitDbContext>().UseNpgsql(connectionString)).Options;

    public InvitationKitDbContext NewContext() => new(Options(Kind, ConnectionString));

    /// <summary>Points a context registered with <c>AddDbContext</c> at this database.</summary>
    public DbContextOptionsBuilder Configure(DbContextOptionsBuilder options) =>
        Kind == InvitationKitDatabase.Sqlite ? options.UseSqlite(ConnectionString) : options.UseNpgsql(ConnectionString);

    public EntityFrameworkCoreInvitationStore<InvitationKitDbContext> NewStore(InvitationKitDbContext context) => new(context);

    public async Task<long> ScalarAsync(string sql)
    {
        await using var context = NewContext();
        return (await context.Database.SqlQueryRaw<long>(sql).ToListAsync()).Single();
    }

    public async ValueTask DisposeAsync()
    {
        if (Kind == InvitationKitDatabase.Sqlite)
        {
            SqliteConnection.ClearAllPools();
            var path = new SqliteConnectionStringBuilder(ConnectionString).DataSource;
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            {
                File.Delete(file);
            }
        }
        else
        {
            await PostgresServer.DropDatabaseAsync(ConnectionString);
        }
    }
}
