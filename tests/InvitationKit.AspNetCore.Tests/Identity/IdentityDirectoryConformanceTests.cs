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
    private IdentityDatabase? _database;

    private ServiceProvider Services => _database?.Services ?? throw new InvalidOperationException("Created in CreateEmptyDirectoryAsync.");

    protected override async Task CreateEmptyDirectoryAsync() => _database = await IdentityDatabase.CreateAsync();

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
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
