using System.Data.Common;
using InvitationKit.Shared;
using InvitationKit.EntityFrameworkCore;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace InvitationKit.Benchmarks.Store;

/// <summary>
/// A throwaway database for the store benchmarks: a SQLite file, or a PostgreSQL database on the machine's cluster
/// (a role of this process's own, dropped afterwards) or on <c>INVITATIONKIT_POSTGRES</c>. Created from the kit's own
/// schema scripts, then seeded with one account holding <c>rows</c> members and <c>rows</c> invitations.
/// </summary>
internal sealed class BenchmarkDatabase : IAsyncDisposable
{
    private readonly string? _role;
    private readonly string? _admin;

    private BenchmarkDatabase(InvitationKitDatabase kind, string connectionString, string? admin, string? role)
    {
        (Kind, ConnectionString, _admin, _role) = (kind, connectionString, admin, role);
    }

    public InvitationKitDatabase Kind { get; }

    public string ConnectionString { get; }

    /// <summary>The databases this machine can benchmark: SQLite always, PostgreSQL where it is installed.</summary>
    public static IEnumerable<InvitationKitDatabase> Available =>
        Environment.GetEnvironmentVariable("INVITATIONKIT_POSTGRES") is { Length: > 0 } || (PostgresCluster.IsInstalled && Environment.UserName == "root")
            ? [InvitationKitDatabase.Sqlite, InvitationKitDatabase.PostgreSql]
            : [InvitationKitDatabase.Sqlite];

    public static async Task<BenchmarkDatabase> CreateAsync(InvitationKitDatabase kind)
    {
        BenchmarkDatabase database;
        if (kind == InvitationKitDatabase.Sqlite)
        {
            database = new(kind, $"Data Source={Path.Combine(Path.GetTempPath(), $"ik-bench-{Guid.NewGuid():N}.db")}", null, null);
        }
        else
        {
            var (admin, role) = PostgresAdmin();
            var name = "ik_bench_" + Guid.NewGuid().ToString("N")[..12];
            await using (var connection = new NpgsqlConnection(admin))
            {
                await connection.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
                await create.ExecuteNonQueryAsync();
            }

            database = new(kind, new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString, admin, role);
        }

        await using var context = database.NewContext();
        await InvitationKitSchema.ApplyAsync(context);
        return database;
    }

    public DbContextOptionsBuilder Configure(DbContextOptionsBuilder options) =>
        Kind == InvitationKitDatabase.Sqlite ? options.UseSqlite(ConnectionString) : options.UseNpgsql(ConnectionString);

    public InvitationKitDbContext NewContext()
    {
        var options = new DbContextOptionsBuilder<InvitationKitDbContext>();
        Configure(options);
        return new InvitationKitDbContext(options.Options);
    }

    public DbConnection NewConnection() =>
        Kind == InvitationKitDatabase.Sqlite ? new SqliteConnection(ConnectionString) : new NpgsqlConnection(ConnectionString);

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = NewConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 600;
        await command.ExecuteNonQueryAsync();
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

            return;
        }

        // A refused FORCE drop (another role's session lingering) is retried, so no benchmark's result is dropped with it.
        await PostgresDatabases.DropAsync(_admin!, // set for every PostgreSQL database
            new NpgsqlConnectionStringBuilder(ConnectionString).Database!);

        if (_role is not null)
        {
            NpgsqlConnection.ClearAllPools();
            PostgresCluster.DropRole(new NpgsqlConnectionStringBuilder(_admin).Port.ToString(System.Globalization.CultureInfo.InvariantCulture), _role);
        }
    }

    private static (string Admin, string? Role) PostgresAdmin()
    {
        if (Environment.GetEnvironmentVariable("INVITATIONKIT_POSTGRES") is { Length: > 0 } configured)
        {
            return (configured, null);
        }

        var (_, role, admin) = PostgresCluster.CreateRole("invitationkit_bench");
        return (admin, role);
    }
}
