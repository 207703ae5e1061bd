using InvitationKit.MigrationsHost;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InvitationKit.EntityFrameworkCore.Tests.Migrations;

/// <summary>
/// A throwaway database for the host's context (Identity, the host's table and InvitationKit's model), made as an adopter
/// makes it: the host's EF Core migrations, then InvitationKit's scripts.
/// </summary>
internal sealed class HostDatabase : IAsyncDisposable
{
    private readonly TestDatabase _database;

    private HostDatabase(TestDatabase database) => _database = database;

    public InvitationKitDatabase Kind => _database.Kind;

    public string ConnectionString => _database.ConnectionString;

    /// <summary>An empty database; <paramref name="migrate"/> runs the host's migrations and then the kit's scripts.</summary>
    public static async Task<HostDatabase> CreateAsync(InvitationKitDatabase kind, bool migrate = true)
    {
        var database = new HostDatabase(await TestDatabase.CreateAsync(kind, applySchema: false));
        if (migrate)
        {
            await using var context = database.NewContext();
            await context.Database.MigrateAsync();
            await InvitationKitSchema.ApplyAsync(context);
        }

        return database;
    }

    public HostDbContext NewContext() => Kind == InvitationKitDatabase.Sqlite
        ? new SqliteHostDbContext(SqliteHostDbContext.Options(ConnectionString))
        : new PostgreSqlHostDbContext(PostgreSqlHostDbContext.Options(ConnectionString));

    /// <summary>Registers the host's context, the kit's EF Core store on it and, when <paramref name="identity"/> is given, Identity's stores on it too.</summary>
    public void Register(IServiceCollection services, InvitationKitBuilder kit, IdentityBuilder? identity = null)
    {
        if (Kind == InvitationKitDatabase.Sqlite)
        {
            services.AddDbContext<SqliteHostDbContext>(o => o.UseSqlite(ConnectionString));
            kit.UseEntityFrameworkCore<SqliteHostDbContext>();
            identity?.AddEntityFrameworkStores<SqliteHostDbContext>();
        }
        else
        {
            services.AddDbContext<PostgreSqlHostDbContext>(o => o.UseNpgsql(ConnectionString));
            kit.UseEntityFrameworkCore<PostgreSqlHostDbContext>();
            identity?.AddEntityFrameworkStores<PostgreSqlHostDbContext>();
        }
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();
}
