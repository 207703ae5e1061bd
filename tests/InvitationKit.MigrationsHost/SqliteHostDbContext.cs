using Microsoft.EntityFrameworkCore;

namespace InvitationKit.MigrationsHost;

/// <summary>The host's context on SQLite.</summary>
/// <param name="options">The options.</param>
public sealed class SqliteHostDbContext(DbContextOptions<SqliteHostDbContext> options) : HostDbContext(options)
{
    /// <summary>The options for a connection string.</summary>
    public static DbContextOptions<SqliteHostDbContext> Options(string connectionString) =>
        new DbContextOptionsBuilder<SqliteHostDbContext>().UseSqlite(connectionString).Options;
}
