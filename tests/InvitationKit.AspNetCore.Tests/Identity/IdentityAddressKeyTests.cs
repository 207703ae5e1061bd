using System.Security.Cryptography;
using InvitationKit.Ports;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace InvitationKit.AspNetCore.Tests.Identity;

/// <summary>
/// Issue 24: where Identity's lookup and the kit's address key disagree. Identity upper-cases (ſ reads as S, µ as Μ) where
/// the kit's key lower-cases (ſ and µ stay apart from s and μ), and Identity keeps a needlessly quoted local part apart
/// from the bare one, which the key joins. The adapter looks users up by the kit's key and never creates a user that
/// Identity would file under another mailbox. And Identity's default of emails shared by several users is refused at start-up.
/// </summary>
public sealed class IdentityAddressKeyTests : IAsyncLifetime
{
    private IdentityDatabase _database = null!;

    private ServiceProvider Services => _database.Services;

    public async Task InitializeAsync() => _database = await IdentityDatabase.CreateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    /// <summary>
    /// An admin invites <c>ſam@example.com</c> (a long s), another mailbox to the kit than Sam's <c>sam@example.com</c>.
    /// Identity's lookup answered with Sam, so the invitation was bound to Sam's account; and a user made for the long-s
    /// address would have taken Sam's place in Identity (his sign-up refused, his sign-in name shared).
    /// </summary>
    [Fact]
    public async Task A_long_s_address_is_never_taken_for_another_users_account_nor_created_in_its_place()
    {
        var sam = await RegisterAsync("sam@example.com");
        await using var scope = Services.CreateAsyncScope();
        var directory = scope.ServiceProvider.GetRequiredService<IUserDirectory>();

        Assert.Null(await directory.FindByEmailAsync(EmailAddress.Parse("ſam@example.com"), default));
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => directory.CreatePendingUserAsync(EmailAddress.Parse("ſam@example.com"), default));
        Assert.Contains("another mailbox", refused.Message, StringComparison.Ordinal);
        Assert.Equal(sam, (await directory.FindByEmailAsync(EmailAddress.Parse("SAM@example.com"), default))?.Id);

        // Without Sam, still no user for it: Sam could not register later.
        Assert.Null(await directory.FindByEmailAsync(EmailAddress.Parse("µ@example.com"), default));
        await Assert.ThrowsAsync<InvalidOperationException>(() => directory.CreatePendingUserAsync(EmailAddress.Parse("µ@example.com"), default));
    }

    /// <summary>The directory finds a registered user exactly when the kit's keys of the two spellings are equal.</summary>
    [Theory]
    [InlineData("sam@example.com", "ſam@example.com")]
    [InlineData("ian@example.com", "ıan@example.com")]
    [InlineData("iam@example.com", "İam@example.com")]
    [InlineData("μ@example.com", "µ@example.com")]
    [InlineData("Bob@Example.com", "bob@example.com")]
    [InlineData("bob@example.com", "\"bob\"@example.com")]
    [InlineData("Σοφία@example.com", "σοφία@example.com")]
    public async Task The_directory_finds_a_user_by_the_kits_key_and_by_nothing_else(string registered, string asked)
    {
        var id = await RegisterAsync(registered);
        await using var scope = Services.CreateAsyncScope();
        var directory = scope.ServiceProvider.GetRequiredService<IUserDirectory>();
        var sameMailbox = EmailAddress.Parse(registered).Key == EmailAddress.Parse(asked).Key;
        Assert.Equal(sameMailbox ? id : null, (await directory.FindByEmailAsync(EmailAddress.Parse(asked), default))?.Id);
    }

    /// <summary>
    /// Identity lets two users share an email by default (RequireUniqueEmail = false); an invite of such an address then
    /// failed with 500. The kit refuses to start with that setting, and says how to fix it.
    /// </summary>
    [Fact]
    public async Task An_address_two_users_share_cannot_break_invites_because_start_up_refuses_non_unique_emails()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddDbContext<IdentityOnlyContext>(o => o.UseSqlite(_database.ConnectionString));
        builder.Services.AddIdentityCore<IdentityUser>(o => o.User.AllowedUserNameCharacters = string.Empty).AddEntityFrameworkStores<IdentityOnlyContext>();
        builder.Services.AddInvitationKit(o => o.SecretKey = RandomNumberGenerator.GetBytes(32)).UseInMemoryPorts().UseAspNetCoreIdentity<IdentityUser>();
        await using var app = builder.Build();

        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());
        Assert.Contains("RequireUniqueEmail = true", refused.Message, StringComparison.Ordinal);
        await using var scope = app.Services.CreateAsyncScope();
        Assert.Throws<OptionsValidationException>(() => scope.ServiceProvider.GetRequiredService<IInvitationManager>());
    }

    private async Task<string> RegisterAsync(string email)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var user = new IdentityUser { UserName = email, Email = email, EmailConfirmed = true };
        var created = await users.CreateAsync(user, "Registered-pass-1");
        Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(e => e.Description)));
        return user.Id;
    }
}
