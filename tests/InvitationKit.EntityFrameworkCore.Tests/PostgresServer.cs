using System.Diagnostics;
using System.Security.Cryptography;
using InvitationKit.Testing.Conformance;
using Npgsql;

namespace InvitationKit.EntityFrameworkCore.Tests;

/// <summary>
/// The real PostgreSQL the tests use. By default the machine's cluster (Debian's postgresql-common: <c>pg_lsclusters</c>,
/// <c>pg_ctlcluster</c>) is started if needed, and a throwaway role of this test process's own (other sessions may use the
/// same server at the same time) gets a random password; each test gets its own database, dropped afterwards, and the
/// role and whatever it still owns are dropped when the process exits. Set <c>INVITATIONKIT_POSTGRES</c> to an admin
/// connection string to use another server.
/// </summary>
internal static class PostgresServer
{
    private static readonly string Role = $"invitationkit_test_{Environment.ProcessId}_{Convert.ToHexString(RandomNumberGenerator.GetBytes(3)).ToLowerInvariant()}";
    private static readonly Lazy<string> Admin = new(Prepare);

    /// <summary>Whether a server can be reached or started here (checked without starting anything).</summary>
    public static bool IsInstalled =>
        Environment.GetEnvironmentVariable("INVITATIONKIT_POSTGRES") is { Length: > 0 } || File.Exists("/usr/bin/pg_lsclusters");

    /// <summary>Under <c>CI=true</c> a missing server is a failure, never a skip.</summary>
    public static bool Required => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static async Task<string> CreateDatabaseAsync()
    {
        var name = "ik_" + Guid.NewGuid().ToString("N")[..16];
        await using var connection = new NpgsqlConnection(Admin.Value);
        await connection.OpenAsync();
        await using (var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection))
        {
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(Admin.Value) { Database = name }.ConnectionString;
    }

    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(Admin.Value);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    private static string Prepare()
    {
        if (Environment.GetEnvironmentVariable("INVITATIONKIT_POSTGRES") is { Length: > 0 } configured)
        {
            return configured;
        }

        if (!IsInstalled)
        {
            throw new InvalidOperationException(
                "PostgreSQL is required (CI=true) but not installed: install the 'postgresql' package or set INVITATIONKIT_POSTGRES to an admin connection string.");
        }

        // "15 main 5432 down postgres ..." → start the first cluster if it is down.
        var cluster = Run("pg_lsclusters", "--no-header").Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            ?? throw new InvalidOperationException("PostgreSQL is installed but has no cluster; create one with 'pg_createcluster 15 main'.");
        if (cluster[3] != "online")
        {
            Run("pg_ctlcluster", $"{cluster[0]} {cluster[1]} start");
        }

        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        Psql(cluster[2], $"CREATE ROLE {Role} LOGIN CREATEDB PASSWORD '{password}';");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => DropRole(cluster[2]);
        return $"Host=127.0.0.1;Port={cluster[2]};Username={Role};Password={password};Database=postgres;Timeout=30;Command Timeout=60";
    }

    /// <summary>Drops what the role still owns (databases a failed test left), then the role; as the server's superuser.</summary>
    private static void DropRole(string port)
    {
        try
        {
            NpgsqlConnection.ClearAllPools();
            Psql(port, $"""
                SELECT format('DROP DATABASE IF EXISTS %I WITH (FORCE)', datname) FROM pg_database WHERE datdba = (SELECT oid FROM pg_roles WHERE rolname = '{Role}') \gexec
                DROP ROLE IF EXISTS {Role};
                """);
        }
        catch (InvalidOperationException)
        {
            // The process is exiting: a role left behind owns nothing of another session's and is harmless.
        }
    }

    private static void Psql(string port, string script) => Run("runuser", $"-u postgres -- psql -p {port} -v ON_ERROR_STOP=1 -q", script);

    private static string Run(string file, string arguments, string? input = null)
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
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"'{file} {arguments}' failed ({process.ExitCode}): {error}");
    }
}

/// <summary>Skips PostgreSQL tests — loudly, with the reason — only where PostgreSQL is absent and CI is not set.</summary>
public sealed class PostgresAvailability : IStoreAvailability
{
    public string? SkipReason => PostgresServer.IsInstalled || PostgresServer.Required
        ? null
        : "SKIPPED: PostgreSQL is not installed on this machine (no pg_lsclusters, no INVITATIONKIT_POSTGRES); the PostgreSQL store was NOT tested.";
}

/// <summary>A fact that needs PostgreSQL, skipped under the same rule as the conformance suite.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute() => Skip = new PostgresAvailability().SkipReason;
}
