using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InvitationKit.AspNetCore.Tests.Identity;

/// <summary>
/// Identity's tables in a SQLite file of a test's own, with the kit's directory over them as a host registers them;
/// disposing it deletes the file.
/// </summary>
internal sealed class IdentityDatabase : IAsyncDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"ik-identity-{Guid.NewGuid():N}.db");

    private IdentityDatabase() => Services = Build(ConnectionString);

    public string ConnectionString => $"Data Source={_file}";

    public ServiceProvider Services { get; }

    public static async Task<IdentityDatabase> CreateAsync()
    {
        var database = new IdentityDatabase();
        await using var scope = database.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IdentityOnlyContext>().Database.EnsureCreatedAsync();
        return database;
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(_file + suffix);
        }
    }

    private static ServiceProvider Build(string connectionString)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDbContext<IdentityOnlyContext>(o => o.UseSqlite(connectionString));
        services.AddIdentityCore<IdentityUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.User.AllowedUserNameCharacters = string.Empty;
            })
            .AddEntityFrameworkStores<IdentityOnlyContext>();
        services.AddInvitationKit(o => o.SecretKey = RandomNumberGenerator.GetBytes(32)).UseAspNetCoreIdentity<IdentityUser>();
        return services.BuildServiceProvider();
    }
}
