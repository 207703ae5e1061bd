using System.Data.Common;
using System.Diagnostics;
using System.Security.Cryptography;
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
        Environment.GetEnvironmentVariable("INVITATIONKIT_POSTGRES") is { Length: > 0 } || (File.Exists("/usr/bin/pg_lsclusters") && Environment.UserName == "root")
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

        NpgsqlConnection.ClearAllPools();
        await using (var connection = new NpgsqlConnection(_admin))
        {
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {new NpgsqlConnectionStringBuilder(ConnectionString).Database} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }

        if (_role is not null)
        {
            NpgsqlConnection.ClearAllPools();
            Psql(new NpgsqlConnectionStringBuilder(_admin).Port.ToString(System.Globalization.CultureInfo.InvariantCulture), $"DROP ROLE IF EXISTS {_role};");
        }
    }

    private static (string Admin, string? Role) PostgresAdmin()
    {
        if (Environment.GetEnvironmentVariable("INVITATIONKIT_POSTGRES") is { Length: > 0 } configured)
        {
            return (configured, null);
        }

        var cluster = Run("pg_lsclusters", "--no-header", null).Split('\n', StringSplitOptions.RemoveEmptyEntries)[0].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (cluster[3] != "online")
        {
            Run("pg_ctlcluster", $"{cluster[0]} {cluster[1]} start", null);
        }

        var role = $"invitationkit_bench_{Environment.ProcessId}";
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        Psql(cluster[2], $"DROP ROLE IF EXISTS {role}; CREATE ROLE {role} LOGIN CREATEDB PASSWORD '{password}';");
        return ($"Host=127.0.0.1;Port={cluster[2]};Username={role};Password={password};Database=postgres;Timeout=30;Command Timeout=600", role);
    }

    private static void Psql(string port, string script) => Run("runuser", $"-u postgres -- psql -p {port} -v ON_ERROR_STOP=1 -q", script);

    private static string Run(string file, string arguments, string? input)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = input is not null })
            ?? throw new InvalidOperationException($"Could not start {file}.");
        if (input is not null)
        {
            process.StandardInput.Write(input);
            process.StandardInput.Close();
        }

        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"'{file} {arguments}' failed: {error}");
    }
}
