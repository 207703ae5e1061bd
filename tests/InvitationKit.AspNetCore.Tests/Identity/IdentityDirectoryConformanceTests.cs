using System.Security.Cryptography;
using InvitationKit.Ports;
using InvitationKit.Testing.Conformance;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InvitationKit.AspNetCore.Tests.Identity;

/// <summary>The Identity adapter passes the directory conformance suite, on Identity's EF Core stores over a SQLite file.</summary>
public sealed class IdentityDirectoryConformanceTests : UserDirectoryConformanceTests
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"ik-identity-{Guid.NewGuid():N}.db");
    private ServiceProvider? _services;

    private ServiceProvider Services => _services ?? throw new InvalidOperationException("Created in CreateEmptyDirectoryAsync.");

    protected override async Task CreateEmptyDirectoryAsync()
    {
        _services = IdentityServices.Build($"Data Source={_file}");
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IdentityOnlyContext>().Database.EnsureCreatedAsync();
    }

    protected override Task<DirectoryHandle> OpenDirectoryAsync()
    {
        var scope = Services.CreateAsyncScope();
        return Task.FromResult(new DirectoryHandle(scope.ServiceProvider.GetRequiredService<IUserDirectory>(), scope));
    }

    protected override async Task<string> AddRegisteredUserAsync(string email, string password)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var user = new IdentityUser { UserName = email, Email = email, EmailConfirmed = true };
        Assert.True((await users.CreateAsync(user, password)).Succeeded);
        return user.Id;
    }

    protected override async Task DisableUserAsync(string userId)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var user = await users.FindByIdAsync(userId) ?? throw new InvalidOperationException("No such user.");
        Assert.True((await users.SetLockoutEnabledAsync(user, true)).Succeeded);
        Assert.True((await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue)).Succeeded);
    }

    protected override async Task<bool> CanSignInAsync(string userId, string password)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        return await users.FindByIdAsync(userId) is { } user && !await users.IsLockedOutAsync(user) && await users.CheckPasswordAsync(user, password);
    }

    protected override async Task DropDirectoryAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(_file + suffix);
        }
    }
}

/// <summary>Identity's tables and nothing else.</summary>
internal sealed class IdentityOnlyContext(DbContextOptions<IdentityOnlyContext> options) : IdentityDbContext<IdentityUser>(options);

/// <summary>Identity on a SQLite file, with the kit's directory over it, as a host registers them.</summary>
internal static class IdentityServices
{
    public static ServiceProvider Build(string connectionString)
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
