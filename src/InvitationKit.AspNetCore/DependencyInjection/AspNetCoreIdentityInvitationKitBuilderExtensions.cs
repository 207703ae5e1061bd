using InvitationKit;
using InvitationKit.AspNetCore.Identity;
using InvitationKit.Ports;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Plugs ASP.NET Core Identity into InvitationKit.</summary>
public static class AspNetCoreIdentityInvitationKitBuilderExtensions
{
    /// <summary>
    /// Uses ASP.NET Core Identity's <see cref="UserManager{TUser}"/> as the user directory, and Identity's user (its
    /// confirmed email) as the signed-in invitee. Call it after <c>AddIdentity</c>/<c>AddIdentityCore</c> with a store that
    /// keeps emails, passwords and authentication tokens (<c>AddEntityFrameworkStores</c> does). Usernames are the
    /// invitees' emails, so the user validator must allow every character of an address
    /// (<see cref="UserOptions.AllowedUserNameCharacters"/>), and emails must be unique
    /// (<see cref="UserOptions.RequireUniqueEmail"/>): the kit's start-up validation refuses Identity's default of false.
    /// It also registers, unless one is registered already, the <see cref="IUserContactDirectory"/> notice mailers need:
    /// a user with a confirmed email who is not locked out, named by the <see cref="IUserDisplayNameResolver"/>, in the
    /// language of their <c>locale</c> claim.
    /// </summary>
    /// <typeparam name="TUser">The host's user type, keyed by a string.</typeparam>
    /// <param name="builder">The kit's builder.</param>
    /// <returns>The builder.</returns>
    public static InvitationKitBuilder UseAspNetCoreIdentity<TUser>(this InvitationKitBuilder builder)
        where TUser : IdentityUser, new() =>
        builder.UseAspNetCoreIdentity<TUser, string>();

    /// <summary>
    /// Uses ASP.NET Core Identity's <see cref="UserManager{TUser}"/> as the user directory, for a user type with a key of
    /// its own (<see cref="Guid"/>, <see cref="int"/>); see <see cref="UseAspNetCoreIdentity{TUser}"/>.
    /// </summary>
    /// <typeparam name="TUser">The host's user type.</typeparam>
    /// <typeparam name="TKey">Its key type.</typeparam>
    /// <param name="builder">The kit's builder.</param>
    /// <returns>The builder.</returns>
    public static InvitationKitBuilder UseAspNetCoreIdentity<TUser, TKey>(this InvitationKitBuilder builder)
        where TUser : IdentityUser<TKey>, new()
        where TKey : IEquatable<TKey>
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Replace(ServiceDescriptor.Scoped<IUserDirectory, IdentityUserDirectory<TUser, TKey>>());
        builder.Services.Replace(ServiceDescriptor.Scoped<ISignedInIdentityResolver, IdentitySignedInIdentityResolver<TUser>>());
        builder.Services.TryAddScoped<IUserDisplayNameResolver, IdentityUserDisplayNameResolver<TUser>>();
        builder.Services.TryAddScoped<IUserSignIn, IdentityUserSignIn<TUser>>();
        builder.Services.TryAddScoped<IUserContactDirectory, IdentityUserContactDirectory<TUser>>();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<InvitationKitOptions>, IdentityUniqueEmailValidator>());
        return builder;
    }
}
