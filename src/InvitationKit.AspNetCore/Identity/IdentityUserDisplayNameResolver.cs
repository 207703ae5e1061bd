using Microsoft.AspNetCore.Identity;

namespace InvitationKit.AspNetCore.Identity;

/// <summary>Names a user by their email in ASP.NET Core Identity (their user name when they have none).</summary>
/// <typeparam name="TUser">The host's user type.</typeparam>
internal sealed class IdentityUserDisplayNameResolver<TUser>(UserManager<TUser> users) : IUserDisplayNameResolver
    where TUser : class
{
    public async ValueTask<string?> ResolveAsync(string userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userId);
        cancellationToken.ThrowIfCancellationRequested();
        return await users.FindByIdAsync(userId).ConfigureAwait(false) is { } user
            ? await users.GetEmailAsync(user).ConfigureAwait(false) ?? await users.GetUserNameAsync(user).ConfigureAwait(false)
            : null;
    }
}
