using InvitationKit.Ports;
using Microsoft.AspNetCore.Identity;

namespace InvitationKit.AspNetCore.Identity;

/// <summary>
/// Finds a user's contact in ASP.NET Core Identity, for the notices to inviters and managers. Only a user who may be
/// mailed is found: one with a <em>confirmed</em> email (a user pending activation, or one who never proved the address,
/// is not: the mail would go to an address nobody vouched for) who is not locked out (a banned manager is not told about
/// the account). The name is the host's <see cref="IUserDisplayNameResolver"/>'s, unless it is just the address; the
/// language is the user's OpenID Connect <c>locale</c> claim when the store keeps claims, else the deployment's default.
/// </summary>
/// <typeparam name="TUser">The host's user type.</typeparam>
internal sealed class IdentityUserContactDirectory<TUser>(UserManager<TUser> users, IUserDisplayNameResolver names) : IUserContactDirectory
    where TUser : class
{
    /// <summary>The claim type of a user's language: OpenID Connect's standard claim (a BCP 47 tag).</summary>
    internal const string LocaleClaim = "locale";

    public async Task<UserContact?> FindContactAsync(string userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userId);
        cancellationToken.ThrowIfCancellationRequested();
        if (!users.SupportsUserEmail || await users.FindByIdAsync(userId).ConfigureAwait(false) is not { } user)
        {
            return null;
        }

        if (await users.GetEmailAsync(user).ConfigureAwait(false) is not { } stored
            || !EmailAddress.TryParse(stored, out var email)
            || !await users.IsEmailConfirmedAsync(user).ConfigureAwait(false)
            || (users.SupportsUserLockout && await users.IsLockedOutAsync(user).ConfigureAwait(false)))
        {
            return null;
        }

        var name = await names.ResolveAsync(userId, cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(name) || (EmailAddress.TryParse(name, out var named) && named.Key == email.Key))
        {
            name = null; // the default resolver names a user by their address: the mail then greets them without a name
        }

        string? language = null;
        if (users.SupportsUserClaim)
        {
            language = (await users.GetClaimsAsync(user).ConfigureAwait(false)).FirstOrDefault(c => c.Type == LocaleClaim)?.Value;
        }

        return new UserContact(userId, email, name, language);
    }
}
