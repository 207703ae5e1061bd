using Npgsql;

namespace InvitationKit.Shared;

/// <summary>
/// Dropping a throwaway database, as the tests and the benchmarks do. Shared by linking this file; it depends on Npgsql.
/// </summary>
internal static class PostgresDatabases
{
    /// <summary>
    /// Drops <paramref name="name"/> with <c>FORCE</c>. FORCE may not end a session this role does not own (an
    /// autovacuum worker, another session's role): 42501, or 55006 while one lingers. Such sessions end on their own, so
    /// the drop is retried for up to 30 s before the failure is let through.
    /// </summary>
    /// <param name="adminConnectionString">A connection string that may drop the database (to another database).</param>
    /// <param name="name">The database.</param>
    public static async Task DropAsync(string adminConnectionString, string name)
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
                await drop.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException busy) when (busy.SqlState is "42501" or "55006" && attempt < 60)
            {
                await Task.Delay(500);
            }
        }
    }
}
