using System.Diagnostics;
using System.Security.Cryptography;

namespace InvitationKit.Shared;

/// <summary>
/// The machine's PostgreSQL cluster (Debian's postgresql-common: <c>pg_lsclusters</c>, <c>pg_ctlcluster</c>), as the tests
/// and the benchmarks use it: started if it is down, and a throwaway role of the calling process's own — other sessions
/// may use the same server at once — that can create databases, dropped with whatever it still owns. Needs root (it runs
/// <c>psql</c> as <c>postgres</c>). Shared by linking this file; it depends on nothing but the BCL.
/// </summary>
internal static class PostgresCluster
{
    /// <summary>Whether a cluster is installed here.</summary>
    public static bool IsInstalled => File.Exists("/usr/bin/pg_lsclusters");

    /// <summary>Starts the first cluster if needed and creates a role for this process.</summary>
    /// <param name="rolePrefix">The role's name before the process id, e.g. <c>invitationkit_test</c>.</param>
    /// <returns>The port, the role, and an admin connection string (database <c>postgres</c>) as that role.</returns>
    public static (string Port, string Role, string ConnectionString) CreateRole(string rolePrefix)
    {
        // "15 main 5432 down postgres ..." → start the first cluster if it is down.
        var cluster = Run("pg_lsclusters", "--no-header").Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            ?? throw new InvalidOperationException("PostgreSQL is installed but has no cluster; create one with 'pg_createcluster 15 main'.");
        if (cluster[3] != "online")
        {
            Run("pg_ctlcluster", $"{cluster[0]} {cluster[1]} start");
        }

        var role = $"{rolePrefix}_{Environment.ProcessId}_{Convert.ToHexString(RandomNumberGenerator.GetBytes(3)).ToLowerInvariant()}";
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        Psql(cluster[2], $"CREATE ROLE {role} LOGIN CREATEDB PASSWORD '{password}';");
        return (cluster[2], role, $"Host=127.0.0.1;Port={cluster[2]};Username={role};Password={password};Database=postgres;Timeout=30;Command Timeout=60");
    }

    /// <summary>Drops what the role still owns (databases a failed run left), then the role.</summary>
    /// <param name="port">The cluster's port.</param>
    /// <param name="role">The role.</param>
    public static void DropRole(string port, string role) => Psql(port, $"""
        SELECT format('DROP DATABASE IF EXISTS %I WITH (FORCE)', datname) FROM pg_database WHERE datdba = (SELECT oid FROM pg_roles WHERE rolname = '{role}') \gexec
        DROP ROLE IF EXISTS {role};
        """);

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
