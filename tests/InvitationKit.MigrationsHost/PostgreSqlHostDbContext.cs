using Microsoft.EntityFrameworkCore;

namespace InvitationKit.MigrationsHost;

/// <summary>The host's context on PostgreSQL.</summary>
/// <param name="options">The options.</param>
public sealed class PostgreSqlHostDbContext(DbContextOptions<PostgreSqlHostDbContext> options) : HostDbContext(options)
{
    /// <summary>The options for a connection string.</summary>
    public static DbContextOptions<PostgreSqlHostDbContext> Options(string connectionString) =>
        new DbContextOptionsBuilder<PostgreSqlHostDbContext>().UseNpgsql(connectionString).Options;
}
