using InvitationKit.Ports;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace InvitationKit.AspNetCore.Tests.Identity;

/// <summary>What only an Identity-backed directory can get wrong: users the kit did not create, but who look new.</summary>
public sealed class IdentityDirectoryTests : IAsyncLifetime
{
    private IdentityDatabase _database = null!;

    private ServiceProvider Services => _database.Services;

    public async Task InitializeAsync() => _database = await IdentityDatabase.CreateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    /// <summary>
    /// Account pre-hijacking: an attacker registers the victim's address through an external login (no password, email
    /// unconfirmed). Activation must never hand that account a password, or the attacker's login would open the victim's account.
    /// </summary>
    [Fact]
    public async Task A_user_with_an_external_login_is_never_activated()
    {
        var attacker = await CreateAsync("victim@example.com", async (users, user) =>
            Assert.True((await users.AddLoginAsync(user, new UserLoginInfo("GitHub", "attacker-42", "GitHub"))).Succeeded));
        await using var scope = Services.CreateAsyncScope();
        var directory = scope.ServiceProvider.GetRequiredService<IUserDirectory>();
        Assert.Equal(UserState.Enabled, (await directory.FindByEmailAsync(EmailAddress.Parse("victim@example.com"), default))?.State);
        Assert.Equal(UserActivationStatus.NotPendingActivation, (await directory.ActivateAsync(attacker, "Victim-Pass-1", Guid.NewGuid(), default)).Status);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        Assert.False(await users.HasPasswordAsync((await users.FindByIdAsync(attacker))!));
    }

    /// <summary>A user the host created without a password (not through the kit) carries no marker: never activated.</summary>
    [Fact]
    public async Task A_user_the_host_created_without_a_password_is_never_activated()
    {
        var hostMade = await CreateAsync("staff@example.com", (_, _) => Task.CompletedTask);
        await using var scope = Services.CreateAsyncScope();
        var directory = scope.ServiceProvider.GetRequiredService<IUserDirectory>();
        Assert.Equal(UserActivationStatus.NotPendingActivation, (await directory.ActivateAsync(hostMade, "Staff-Pass-1", Guid.NewGuid(), default)).Status);
    }

    /// <summary>Activation confirms the email (the code proved the person reads it) and Identity's password rules apply with their messages.</summary>
    [Fact]
    public async Task Activation_confirms_the_email_and_reports_identitys_password_rules()
    {
        await using var scope = Services.CreateAsyncScope();
        var directory = scope.ServiceProvider.GetRequiredService<IUserDirectory>();
        var nina = await directory.CreatePendingUserAsync(EmailAddress.Parse("nina@example.com"), default);
        var refused = await directory.ActivateAsync(nina.Id, "alllowercase", Guid.NewGuid(), default);
        Assert.Equal(UserActivationStatus.PasswordRejected, refused.Status);
        Assert.Contains("uppercase", refused.Reason, StringComparison.OrdinalIgnoreCase);

        Assert.Equal(UserActivationStatus.Activated, (await directory.ActivateAsync(nina.Id, "Nina-Pass-1", Guid.NewGuid(), default)).Status);
        await using var after = Services.CreateAsyncScope();
        var users = after.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var user = (await users.FindByIdAsync(nina.Id))!;
        Assert.True(user.EmailConfirmed);
        Assert.Equal("nina@example.com", user.UserName);
    }

    /// <summary>
    /// Deletion takes only a user whose marker still says "awaiting": once an activation has recorded its id (a crash
    /// before the password, say), the user is being activated and stays; a user the host made never carries the marker.
    /// </summary>
    [Fact]
    public async Task A_user_whose_activation_started_or_the_host_made_is_never_deleted()
    {
        var hostMade = await CreateAsync("staff@example.com", (_, _) => Task.CompletedTask);
        await using var scope = Services.CreateAsyncScope();
        var directory = scope.ServiceProvider.GetRequiredService<IUserDirectory>();
        var nina = await directory.CreatePendingUserAsync(EmailAddress.Parse("nina@example.com"), default);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var user = (await users.FindByIdAsync(nina.Id))!;
        Assert.True((await users.SetAuthenticationTokenAsync(user, "InvitationKit", "Activation", Guid.NewGuid().ToString("D"))).Succeeded);

        await using var later = Services.CreateAsyncScope();
        var next = later.ServiceProvider.GetRequiredService<IUserDirectory>();
        Assert.Equal(UserState.PendingActivation, (await next.FindByEmailAsync(EmailAddress.Parse("nina@example.com"), default))?.State);
        Assert.False(await next.DeletePendingUserAsync(nina.Id, default));
        Assert.False(await next.DeletePendingUserAsync(hostMade, default));
        var remaining = later.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        Assert.NotNull(await remaining.FindByIdAsync(nina.Id));
        Assert.NotNull(await remaining.FindByIdAsync(hostMade));
    }

    private async Task<string> CreateAsync(string email, Func<UserManager<IdentityUser>, IdentityUser, Task> then)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var user = new IdentityUser { UserName = email, Email = email };
        Assert.True((await users.CreateAsync(user)).Succeeded);
        await then(users, user);
        return user.Id;
    }
}
