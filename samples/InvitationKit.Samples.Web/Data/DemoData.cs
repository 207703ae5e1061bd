using InvitationKit.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace InvitationKit.Samples.Web.Data;

/// <summary>
/// Creates the database on first run: Identity's tables and the kit's schema; in Development also the demo users (whose
/// password is published on the home page) and the account's owner. Beyond Development no demo user exists.
/// </summary>
public static class DemoData
{
    /// <summary>The password of every demo user.</summary>
    public const string Password = "Demo-pass-1";

    /// <summary>The demo users: the owner of Acme Corp and three registered people.</summary>
    public static IReadOnlyList<(string Email, string Name)> Users { get; } =
    [
        ("olivia@acme.example", "Olivia, owner of Acme Corp"),
        ("bob@example.com", "Bob, registered"),
        ("frank@example.com", "Frank, registered"),
        ("eve@example.com", "Eve, registered"),
    ];

    /// <summary>Creates what is missing; a second run changes nothing.</summary>
    /// <param name="services">The app's services.</param>
    /// <param name="withDemoUsers">Whether to create the demo users and the account's owner (Development only).</param>
    /// <returns>A task that completes when the data is there.</returns>
    public static async Task EnsureAsync(IServiceProvider services, bool withDemoUsers)
    {
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        await provider.GetRequiredService<SampleDbContext>().Database.EnsureCreatedAsync();
        await InvitationKitSchema.ApplyAsync(provider.GetRequiredService<InvitationKitDbContext>());
        if (!withDemoUsers)
        {
            return;
        }

        var users = provider.GetRequiredService<UserManager<IdentityUser>>();
        foreach (var (email, _) in Users)
        {
            if (await users.FindByEmailAsync(email) is null)
            {
                var user = new IdentityUser { UserName = email, Email = email, EmailConfirmed = true };
                Check(await users.CreateAsync(user, Password));
            }
        }

        var owner = await users.FindByEmailAsync(Users[0].Email) ?? throw new InvalidOperationException("The owner was just created.");
        var kit = provider.GetRequiredService<IInvitationManager>();
        var founded = await kit.AddFoundingOwnerAsync(DemoAccounts.Acme.Id, owner.Id);
        if (!founded.Succeeded && !founded.HasError(InvitationErrorCode.AccountAlreadyHasMembers))
        {
            throw new InvalidOperationException(founded.ToString());
        }
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}
