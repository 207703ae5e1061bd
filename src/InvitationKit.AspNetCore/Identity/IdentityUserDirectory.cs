using InvitationKit.Ports;
using Microsoft.AspNetCore.Identity;

namespace InvitationKit.AspNetCore.Identity;

/// <summary>
/// The user directory over ASP.NET Core Identity's <see cref="UserManager{TUser}"/>. A user the kit creates is
/// unconfirmed, has no password, and carries an authentication token (<see cref="TokenProvider"/>,
/// <see cref="TokenName"/>) marking it as awaiting activation. Only such a user — still without a password, an external
/// login or a confirmed email, and not locked out — is ever activated; activation sets the password through Identity's own
/// validators and confirms the email, because the person proved they read it.
/// </summary>
/// <remarks>
/// The marker is written first and holds the activation id once an activation starts, so a repeat of an activation whose
/// reply was lost is recognized. Each write goes through Identity's concurrency stamp: of two activations racing for one
/// user, the loser's write is refused and reported as an exception, never as a second password.
/// </remarks>
internal sealed class IdentityUserDirectory<TUser, TKey> : IUserDirectory
    where TUser : IdentityUser<TKey>, new()
    where TKey : IEquatable<TKey>
{
    internal const string TokenProvider = "InvitationKit";
    internal const string TokenName = "Activation";
    private const string AwaitingActivation = "pending";

    private readonly UserManager<TUser> _users;

    public IdentityUserDirectory(UserManager<TUser> users)
    {
        ArgumentNullException.ThrowIfNull(users);
        if (!users.SupportsUserEmail || !users.SupportsUserPassword || !users.SupportsUserAuthenticationTokens)
        {
            throw new InvalidOperationException(
                "InvitationKit's Identity user directory needs a user store with emails, passwords and authentication tokens " +
                "(IUserEmailStore, IUserPasswordStore, IUserAuthenticationTokenStore), as the Entity Framework Core stores of " +
                "AddEntityFrameworkStores provide.");
        }

        _users = users;
    }

    public async Task<DirectoryUser?> FindByEmailAsync(EmailAddress email, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var user = await FindByKeyAsync(email).ConfigureAwait(false);
        return user is null ? null : await DescribeAsync(user).ConfigureAwait(false);
    }

    public async Task<DirectoryUser> CreatePendingUserAsync(EmailAddress email, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (await FindByEmailAsync(email, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            return existing;
        }

        if (!EmailAddress.TryParse(_users.NormalizeEmail(email.Value), out var asIdentityReadsIt) || asIdentityReadsIt.Key != email.Key)
        {
            throw new InvalidOperationException(
                "ASP.NET Core Identity's lookup normalizer reads this address as another mailbox: it folds characters such as " +
                "ſ (long s) and µ (micro sign) that InvitationKit's address key keeps apart, so a user made for it would take " +
                "the other address's place in Identity. The Identity user directory creates no user for such an address; " +
                "invite the address the person's mailbox really has.");
        }

        var user = new TUser { UserName = email.Value, Email = email.Value, EmailConfirmed = false };
        IdentityResult created;
        try
        {
            created = await _users.CreateAsync(user).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Another instance may have inserted the same address between our check and our insert (a unique index says so).
            if (await RacedAsync(user, email).ConfigureAwait(false) is null)
            {
                throw;
            }

            return (await FindByEmailAsync(email, CancellationToken.None).ConfigureAwait(false))!;
        }

        if (!created.Succeeded)
        {
            // Another instance created the same address first: theirs is the user, as the port's idempotency asks.
            return await FindByEmailAsync(email, CancellationToken.None).ConfigureAwait(false)
                ?? throw Refused("create the user", created);
        }

        try
        {
            Ensure(await _users.SetAuthenticationTokenAsync(user, TokenProvider, TokenName, AwaitingActivation).ConfigureAwait(false), "mark the user as awaiting activation");
        }
        catch
        {
            // Without its marker the user would count as enabled and never be activated: take it back, keep the original error.
            try
            {
                await _users.DeleteAsync(user).ConfigureAwait(false);
            }
            catch (Exception)
            {
                // The original failure is the one to report.
            }

            throw;
        }

        return new DirectoryUser(await _users.GetUserIdAsync(user).ConfigureAwait(false), email.Value, UserState.PendingActivation);
    }

    public async Task<UserActivationResult> ActivateAsync(string userId, string password, Guid activationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userId);
        ArgumentNullException.ThrowIfNull(password);
        cancellationToken.ThrowIfCancellationRequested();
        var user = await _users.FindByIdAsync(userId).ConfigureAwait(false);
        if (user is null)
        {
            return UserActivationResult.NotPendingActivation;
        }

        var activation = activationId.ToString("D");
        var marker = await _users.GetAuthenticationTokenAsync(user, TokenProvider, TokenName).ConfigureAwait(false);
        if (marker == activation && user.PasswordHash is not null)
        {
            return UserActivationResult.Activated;
        }

        if (await StateOfAsync(user, marker).ConfigureAwait(false) != UserState.PendingActivation)
        {
            return UserActivationResult.NotPendingActivation;
        }

        var problems = new List<string>();
        foreach (var validator in _users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(_users, user, password).ConfigureAwait(false);
            problems.AddRange(result.Errors.Select(e => e.Description));
        }

        if (problems.Count > 0)
        {
            return UserActivationResult.PasswordRejected(string.Join(" ", problems));
        }

        // The activation id first: a crash before the password leaves the user pending, and a repeat is recognized after.
        Ensure(await _users.SetAuthenticationTokenAsync(user, TokenProvider, TokenName, activation).ConfigureAwait(false), "record the activation");
        user.EmailConfirmed = true;
        var added = await _users.AddPasswordAsync(user, password).ConfigureAwait(false);
        if (added.Succeeded)
        {
            return UserActivationResult.Activated;
        }

        user.EmailConfirmed = false;
        return IsConcurrencyFailure(added)
            ? throw Refused("set the password", added)
            : UserActivationResult.PasswordRejected(string.Join(" ", added.Errors.Select(e => e.Description)));
    }

    public async Task<bool> DeletePendingUserAsync(string userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userId);
        cancellationToken.ThrowIfCancellationRequested();
        var user = await _users.FindByIdAsync(userId).ConfigureAwait(false);
        if (user is null)
        {
            return false;
        }

        // Only an untouched user whose marker still says "awaiting": once an activation starts, the marker holds its id.
        var marker = await _users.GetAuthenticationTokenAsync(user, TokenProvider, TokenName).ConfigureAwait(false);
        if (marker != AwaitingActivation || await StateOfAsync(user, marker).ConfigureAwait(false) != UserState.PendingActivation)
        {
            return false;
        }

        // The delete carries the concurrency stamp read above: an activation that wrote in between wins, and this deletes nothing.
        var deleted = await _users.DeleteAsync(user).ConfigureAwait(false);
        if (deleted.Succeeded)
        {
            return true;
        }

        return IsConcurrencyFailure(deleted) ? false : throw Refused("delete the user", deleted);
    }

    /// <summary>After a failed insert: forgets the user that was not inserted, and finds the one that was.</summary>
    private async Task<TUser?> RacedAsync(TUser unsaved, EmailAddress email)
    {
        try
        {
            await _users.DeleteAsync(unsaved).ConfigureAwait(false); // detaches the unsaved user from the store's unit of work
        }
        catch (Exception)
        {
            // Nothing to detach: the failure is answered below.
        }

        return await FindByKeyAsync(email).ConfigureAwait(false);
    }

    /// <summary>
    /// The user whose email has the address's key, as the port asks, rather than Identity's idea of the address: Identity's
    /// lookup normalizer (upper case) reads ſ as S and µ as Μ, which the kit's key keeps apart, and keeps a needlessly
    /// quoted local part apart from the bare one, which the key joins. So Identity is asked for the address and, when it
    /// would read the key otherwise, for the key too; only a user whose email has the same key is the address's.
    /// </summary>
    private async Task<TUser?> FindByKeyAsync(EmailAddress email)
    {
        if (await _users.FindByEmailAsync(email.Value).ConfigureAwait(false) is { } user && await HasKeyAsync(user, email).ConfigureAwait(false))
        {
            return user;
        }

        return _users.NormalizeEmail(email.Key) != _users.NormalizeEmail(email.Value)
            && await _users.FindByEmailAsync(email.Key).ConfigureAwait(false) is { } byKey && await HasKeyAsync(byKey, email).ConfigureAwait(false)
                ? byKey
                : null;
    }

    private async Task<bool> HasKeyAsync(TUser user, EmailAddress email) =>
        EmailAddress.TryParse(await _users.GetEmailAsync(user).ConfigureAwait(false), out var stored) && stored.Key == email.Key;

    private async Task<DirectoryUser> DescribeAsync(TUser user)
    {
        var marker = await _users.GetAuthenticationTokenAsync(user, TokenProvider, TokenName).ConfigureAwait(false);
        return new DirectoryUser(
            await _users.GetUserIdAsync(user).ConfigureAwait(false),
            await _users.GetEmailAsync(user).ConfigureAwait(false),
            await StateOfAsync(user, marker).ConfigureAwait(false));
    }

    private async Task<UserState> StateOfAsync(TUser user, string? marker)
    {
        if (_users.SupportsUserLockout && await _users.IsLockedOutAsync(user).ConfigureAwait(false))
        {
            return UserState.Disabled;
        }

        // Anything but an untouched user of the kit's own making can sign in somehow (or will): never give it a password.
        var untouched = marker is not null && user.PasswordHash is null && !user.EmailConfirmed
            && (!_users.SupportsUserLogin || (await _users.GetLoginsAsync(user).ConfigureAwait(false)).Count == 0);
        return untouched ? UserState.PendingActivation : UserState.Enabled;
    }

    /// <summary>Whether Identity refused a write because another one changed the user first (its concurrency stamp).</summary>
    private bool IsConcurrencyFailure(IdentityResult result)
    {
        var concurrency = _users.ErrorDescriber.ConcurrencyFailure().Code;
        return result.Errors.Any(e => e.Code == concurrency);
    }

    private static void Ensure(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw Refused(what, result);
        }
    }

    private static InvalidOperationException Refused(string what, IdentityResult result) =>
        new($"ASP.NET Core Identity refused to {what}: {string.Join(" ", result.Errors.Select(e => $"{e.Code}: {e.Description}"))}");
}
