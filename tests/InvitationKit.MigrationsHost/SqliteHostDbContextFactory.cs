using Microsoft.EntityFrameworkCore.Design;

namespace InvitationKit.MigrationsHost;

/// <summary>How the dotnet-ef tool makes the context (<c>--connection</c> overrides the connection string).</summary>
public sealed class SqliteHostDbContextFactory : IDesignTimeDbContextFactory<SqliteHostDbContext>
{
    /// <inheritdoc />
    public SqliteHostDbContext CreateDbContext(string[] args) => new(SqliteHostDbContext.Options("Data Source=host.db"));
}
