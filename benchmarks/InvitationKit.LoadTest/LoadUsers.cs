using InvitationKit.Ports;

namespace InvitationKit.LoadTest;

/// <summary>
/// The users of a load run, the same in every instance without shared state: every address at <see cref="Domain"/> is a
/// registered user whose id is <c>u_</c> and the address's local part (<see cref="IdOf"/>), so every invitation is an
/// existing user's, accepted by signing in. No user is ever created, deleted or activated.
/// </summary>
internal sealed class LoadUsers : IUserDirectory
{
    public const string Domain = "load.example";

    /// <summary>The id of the user with address <paramref name="localPart"/>@<see cref="Domain"/>.</summary>
    public static string IdOf(string localPart) => "u_" + localPart;

    /// <summary>The address of user <paramref name="userId"/>; null when it is not one of ours.</summary>
    public static string? EmailOf(string userId) => userId.StartsWith("u_", StringComparison.Ordinal) ? $"{userId[2..]}@{Domain}" : null;

    public Task<DirectoryUser?> FindByEmailAsync(EmailAddress email, CancellationToken cancellationToken)
    {
        return Task.FromResult(string.Equals(email.Domain, Domain, StringComparison.OrdinalIgnoreCase)
            ? new DirectoryUser(IdOf(email.LocalPart), email.Value, UserState.Enabled)
            : null);
    }

    public Task<DirectoryUser> CreatePendingUserAsync(EmailAddress email, CancellationToken cancellationToken) =>
        throw new InvalidOperationException($"The load run invites registered users only, not {email}.");

    public Task<bool> DeletePendingUserAsync(string userId, CancellationToken cancellationToken) => Task.FromResult(false);

    public Task<UserActivationResult> ActivateAsync(string userId, string password, Guid activationId, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("The load run activates no user.");
}
