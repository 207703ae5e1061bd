using Microsoft.EntityFrameworkCore.Design;

namespace InvitationKit.MigrationsHost;

/// <summary>How the dotnet-ef tool makes the context (<c>--connection</c> overrides the connection string).</summary>
public sealed class PostgreSqlHostDbContextFactory : IDesignTimeDbContextFactory<PostgreSqlHostDbContext>
{
    /// <inheritdoc />
    public PostgreSqlHostDbContext CreateDbContext(string[] args) => new(PostgreSqlHostDbContext.Options("Host=localhost;Database=host"));
}
