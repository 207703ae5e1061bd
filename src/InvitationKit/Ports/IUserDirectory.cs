namespace InvitationKit.Ports;

/// <summary>The host's identity system, as the kit needs it.</summary>
/// <remarks>
/// The directory must tell a user created by an invitation and never activated (<see cref="UserState.PendingActivation"/>)
/// apart from one the host disabled (<see cref="UserState.Disabled"/>): only the first may ever be activated, and the kit
/// never hands a password for any other user to the directory's care. A directory that can find many addresses in one
/// query also implements <see cref="IUserBatchLookup"/>, which the kit detects.
/// </remarks>
public interface IUserDirectory
{
    /// <summary>
    /// Finds the user whose email has the address's <see cref="EmailAddress.Key"/>. Users without an email (registered
    /// through a provider that did not disclose one) are never found this way.
    /// </summary>
    /// <param name="email">The address.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The user, or null.</returns>
    Task<DirectoryUser?> FindByEmailAsync(EmailAddress email, CancellationToken cancellationToken);

    /// <summary>
    /// Creates a user pending activation (no password, cannot sign in) with the address as email and username.
    /// Idempotent: when a user with the address exists, returns that user unchanged, whatever their state.
    /// </summary>
    /// <param name="email">The address.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The user.</returns>
    Task<DirectoryUser> CreatePendingUserAsync(EmailAddress email, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes a user pending activation whose activation never started: the kit's undo of
    /// <see cref="CreatePendingUserAsync"/> when the invite that created the user is withdrawn and no other pending
    /// invitation names the address. Any other user — enabled, disabled, being activated, or unknown — is left untouched.
    /// Of a deletion and an activation racing for one user, at most one succeeds.
    /// </summary>
    /// <param name="userId">The user.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>Whether the user was deleted; false when the user is not (or no longer) pending activation, or unknown.</returns>
    Task<bool> DeletePendingUserAsync(string userId, CancellationToken cancellationToken);

    /// <summary>
    /// Atomically: if the user is <see cref="UserState.PendingActivation"/>, sets the password and enables them, remembering
    /// <paramref name="activationId"/>. Idempotent: a repeat with the same activation id reports
    /// <see cref="UserActivationStatus.Activated"/> and changes nothing. Any other user is left untouched
    /// (<see cref="UserActivationStatus.NotPendingActivation"/>).
    /// </summary>
    /// <param name="userId">The user.</param>
    /// <param name="password">The chosen password; the kit never stores or logs it.</param>
    /// <param name="activationId">Identifies this activation (the invitation's id), so a retried call is recognized.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>What happened.</returns>
    Task<UserActivationResult> ActivateAsync(string userId, string password, Guid activationId, CancellationToken cancellationToken);
}
