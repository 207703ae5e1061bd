namespace InvitationKit.Ports;

/// <summary>The host's identity system, as the kit needs it.</summary>
public interface IUserDirectory
{
    /// <summary>
    /// Finds the registered user whose email has the address's <see cref="EmailAddress.Key"/>. Users without an email
    /// (registered through a provider that did not disclose one) are never found this way.
    /// </summary>
    /// <param name="email">The address.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The user, or null.</returns>
    Task<DirectoryUser?> FindByEmailAsync(EmailAddress email, CancellationToken cancellationToken);

    /// <summary>Creates a disabled user with the address as email and username; idempotent: returns the existing user when there is one.</summary>
    /// <param name="email">The address.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The user.</returns>
    Task<DirectoryUser> CreateDisabledUserAsync(EmailAddress email, CancellationToken cancellationToken);

    /// <summary>Sets the user's password and enables them. The directory may refuse the password.</summary>
    /// <param name="userId">The user.</param>
    /// <param name="password">The chosen password; the kit never stores or logs it.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>Whether the user is now enabled.</returns>
    Task<UserActivationResult> ActivateAsync(string userId, string password, CancellationToken cancellationToken);
}
