using System.Security.Claims;
using InvitationKit.Ports;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace InvitationKit.AspNetCore.Tests.Identity;

/// <summary>
/// The contact directory <c>UseAspNetCoreIdentity</c> registers for notice mailers: only a user with a confirmed email
/// who is not locked out is found; the language is the <c>locale</c> claim; a name that is just the address is no name.
/// </summary>
public sealed class IdentityContactDirectoryTests : IAsyncLifetime
{
    private IdentityDatabase _database = null!;

    public async Task InitializeAsync() => _database = await IdentityDatabase.CreateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task A_confirmed_user_is_found_in_the_language_of_their_locale_claim()
    {
        var maria = await CreateAsync("Maria@Example.com", confirmed: true, (users, user) => users.AddClaimAsync(user, new Claim("locale", "ru-RU")));
        var bob = await CreateAsync("bob@example.com", confirmed: true, (_, _) => Task.FromResult(IdentityResult.Success));
        await using var scope = _database.Services.CreateAsyncScope();
        var contacts = scope.ServiceProvider.GetRequiredService<IUserContactDirectory>();

        var found = await contacts.FindContactAsync(maria, default);

        Assert.Equal(new UserContact(maria, EmailAddress.Parse("Maria@example.com"), null, "ru-RU"), found); // named by nothing: the default resolver's name is the address
        Assert.Null((await contacts.FindContactAsync(bob, default))!.Language);
    }

    [Fact]
    public async Task An_unknown_unconfirmed_pending_or_locked_out_user_is_not_found()
    {
        var unconfirmed = await CreateAsync("unconfirmed@example.com", confirmed: false, (_, _) => Task.FromResult(IdentityResult.Success));
        var locked = await CreateAsync("locked@example.com", confirmed: true, async (users, user) =>
        {
            await users.SetLockoutEnabledAsync(user, true);
            return await users.SetLockoutEndDateAsync(user, DateTimeOffset.UtcNow.AddDays(1));
        });
        await using var scope = _database.Services.CreateAsyncScope();
        var pending = await scope.ServiceProvider.GetRequiredService<IUserDirectory>().CreatePendingUserAsync(EmailAddress.Parse("pending@example.com"), default);
        var contacts = scope.ServiceProvider.GetRequiredService<IUserContactDirectory>();

        foreach (var id in new[] { unconfirmed, locked, pending.Id, "no-such-user" })
        {
            Assert.Null(await contacts.FindContactAsync(id, default));
        }
    }

    [Fact]
    public async Task A_host_registered_contact_directory_is_kept()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IUserContactDirectory, NoContacts>();
        services.AddInvitationKit(o => o.SecretKey = new byte[32]).UseAspNetCoreIdentity<IdentityUser>();

        Assert.Equal(typeof(NoContacts), Assert.Single(services, d => d.ServiceType == typeof(IUserContactDirectory)).ImplementationType);
    }

    private async Task<string> CreateAsync(string email, bool confirmed, Func<UserManager<IdentityUser>, IdentityUser, Task<IdentityResult>> then)
    {
        await using var scope = _database.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var user = new IdentityUser { UserName = email, Email = email, EmailConfirmed = confirmed };
        Assert.True((await users.CreateAsync(user, "Some-Pass-1")).Succeeded);
        Assert.True((await then(users, user)).Succeeded);
        return user.Id;
    }

    private sealed class NoContacts : IUserContactDirectory
    {
        public Task<UserContact?> FindContactAsync(string userId, CancellationToken cancellationToken) => Task.FromResult<UserContact?>(null);
    }
}
