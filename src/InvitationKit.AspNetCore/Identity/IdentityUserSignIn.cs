using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace InvitationKit.AspNetCore.Identity;

/// <summary>Signs a user in with ASP.NET Core Identity's <see cref="SignInManager{TUser}"/>, when the host has one.</summary>
/// <typeparam name="TUser">The host's user type.</typeparam>
internal sealed class IdentityUserSignIn<TUser>(IServiceProvider services) : IUserSignIn
    where TUser : class
{
    public async Task<bool> SignInAsync(string userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userId);
        cancellationToken.ThrowIfCancellationRequested();
        if (services.GetService<SignInManager<TUser>>() is not { } signIn || await signIn.UserManager.FindByIdAsync(userId).ConfigureAwait(false) is not { } user)
        {
            return false;
        }

        await signIn.SignInAsync(user, isPersistent: false).ConfigureAwait(false);
        return true;
    }
}
