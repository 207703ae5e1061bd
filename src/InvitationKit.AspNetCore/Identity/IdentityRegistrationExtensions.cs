using Microsoft.AspNetCore.Identity;

namespace InvitationKit.AspNetCore.Identity;

/// <summary>
/// The host's own registration over ASP.NET Core Identity, made aware of invitations: its sign-up creates the user
/// through <see cref="CreateUserAsync{TUser}"/> instead of <see cref="UserManager{TUser}.CreateAsync(TUser, string)"/>, so an
/// address an invitation made a user pending activation for is not "already taken"; and once the person confirmed their
/// email, <see cref="ClaimInvitationsAsync{TUser}"/> binds the invitations waiting for the address to them.
/// </summary>
public static class IdentityRegistrationExtensions
{
    private const int MaxAttempts = 3;

    /// <summary>
    /// Creates the user as <see cref="UserManager{TUser}.CreateAsync(TUser, string)"/> does — the host's user type, fields,
    /// validators and id — or, without a password, as <see cref="UserManager{TUser}.CreateAsync(TUser)"/> (a user who signs
    /// in with an external login). First, the user an invitation created pending activation for the same email is deleted
    /// (<see cref="IInvitationManager.ReleasePendingUserAsync"/>): it holds nothing, the kit knows a new user by address
    /// only, and a user whose activation started is never deleted. A registered user's address stays taken, with
    /// Identity's own answer.
    /// </summary>
    /// <typeparam name="TUser">The host's user type.</typeparam>
    /// <param name="invitations">The kit.</param>
    /// <param name="users">Identity's user manager.</param>
    /// <param name="user">The new user, with its email set.</param>
    /// <param name="password">The password; null for a user without one.</param>
    /// <param name="cancellationToken">Cancels the release.</param>
    /// <returns>Identity's result of the creation.</returns>
    public static async Task<IdentityResult> CreateUserAsync<TUser>(
        this IInvitationManager invitations, UserManager<TUser> users, TUser user, string? password = null, CancellationToken cancellationToken = default)
        where TUser : class
    {
        ArgumentNullException.ThrowIfNull(invitations);
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(user);
        var email = users.SupportsUserEmail ? await users.GetEmailAsync(user).ConfigureAwait(false) : null;
        for (var attempt = 1; ; attempt++)
        {
            // An address the kit refuses (InvalidEmail) has no pending user: Identity's own validators answer for it.
            var released = email is not null
                && (await invitations.ReleasePendingUserAsync(email, cancellationToken).ConfigureAwait(false)).TryGetValue(out var deleted)
                && deleted;
            var created = password is null
                ? await users.CreateAsync(user).ConfigureAwait(false)
                : await users.CreateAsync(user, password).ConfigureAwait(false);

            // Taken again after a release: an invitation created the pending user once more in between; release it again.
            if (created.Succeeded || !released || attempt == MaxAttempts || !IsTaken(users, created))
            {
                return created;
            }
        }
    }

    /// <summary>
    /// Once the user confirmed their email (<see cref="UserManager{TUser}.ConfirmEmailAsync"/>): the pending new-user
    /// invitations of their address, in every account, become existing-user invitations bound to them, without a code
    /// (<see cref="IInvitationManager.ClaimInvitationsAsync"/>). The person accepts each by signing in and opening its link.
    /// A user whose email is not confirmed claims nothing (<see cref="InvitationErrorCode.EmailNotVerified"/>).
    /// </summary>
    /// <typeparam name="TUser">The host's user type.</typeparam>
    /// <param name="invitations">The kit.</param>
    /// <param name="users">Identity's user manager.</param>
    /// <param name="user">The registered user.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>How many invitations were bound to the user, or the error.</returns>
    public static async Task<InvitationResult<int>> ClaimInvitationsAsync<TUser>(
        this IInvitationManager invitations, UserManager<TUser> users, TUser user, CancellationToken cancellationToken = default)
        where TUser : class
    {
        ArgumentNullException.ThrowIfNull(invitations);
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(user);
        var identity = new SignedInIdentity(
            await users.GetUserIdAsync(user).ConfigureAwait(false),
            users.SupportsUserEmail ? await users.GetEmailAsync(user).ConfigureAwait(false) : null,
            IdentitySignedInIdentityResolver<TUser>.LocalProvider,
            users.SupportsUserEmail && await users.IsEmailConfirmedAsync(user).ConfigureAwait(false));
        return await invitations.ClaimInvitationsAsync(identity, cancellationToken).ConfigureAwait(false);
    }

    private static bool IsTaken<TUser>(UserManager<TUser> users, IdentityResult result)
        where TUser : class
    {
        string[] taken = [users.ErrorDescriber.DuplicateEmail(string.Empty).Code, users.ErrorDescriber.DuplicateUserName(string.Empty).Code];
        return result.Errors.Any(e => taken.Contains(e.Code, StringComparer.Ordinal));
    }
}
