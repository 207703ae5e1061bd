using Npgsql;

namespace InvitationKit.Shared;

/// <summary>
/// The real PostgreSQL the tests use (the store's tests, and the web sample's browser tests on PostgreSQL). By default
/// the machine's cluster (Debian's postgresql-common: <c>pg_lsclusters</c>, <c>pg_ctlcluster</c>) is started if needed,
/// and a throwaway role of this test process's own (other sessions may use the same server at the same time) gets a
/// random password; each test gets its own database, dropped afterwards, and the role and whatever it still owns are
/// dropped when the process exits. Set <c>INVITATIONKIT_POSTGRES</c> to an admin
/// connection string to use another server. Shared by linking this file, with PostgresCluster.cs and PostgresDatabases.cs.
/// </summary>
internal static class PostgresServer
{
    private static readonly Lazy<string> Admin = new(Prepare);

    /// <summary>Whether a server can be reached or started here (checked without starting anything).</summary>
    public static bool IsInstalled =>
        Environment.GetEnvironmentVariable("INVITATIONKIT_POSTGRES") is { Length: > 0 } || PostgresCluster.IsInstalled;

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

    public static Task DropDatabaseAsync(string connectionString) =>
        PostgresDatabases.DropAsync(Admin.Value, new NpgsqlConnectionStringBuilder(connectionString).Database!);

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

        var (port, role, admin) = PostgresCluster.CreateRole("invitationkit_test");
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                NpgsqlConnection.ClearAllPools();
                PostgresCluster.DropRole(port, role);
            }
            catch (InvalidOperationException)
            {
                // The process is exiting: a role left behind owns nothing of another session's and is harmless.
            }
        };
        return admin;
    }
}
