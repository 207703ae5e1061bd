using InvitationKit.Ports;

namespace InvitationKit.Tests.Infrastructure;

/// <summary>The in-memory directory, failing the n-th user creation (optionally after creating the user: a lost reply) and, when told, every deletion.</summary>
internal sealed class FlakyUserDirectory(InMemoryUserDirectory inner, int failCreationAt, bool afterCreating = false) : IUserDirectory
{
    private int _creations;

    /// <summary>Runs just before the failing creation fails, as another request would in between.</summary>
    public Func<Task>? BeforeFailure { get; set; }

    public bool FailDeletes { get; set; }

    public Task<DirectoryUser?> FindByEmailAsync(EmailAddress email, CancellationToken cancellationToken) => inner.FindByEmailAsync(email, cancellationToken);

    public async Task<DirectoryUser> CreatePendingUserAsync(EmailAddress email, CancellationToken cancellationToken)
    {
        if (++_creations != failCreationAt)
        {
            return await inner.CreatePendingUserAsync(email, cancellationToken);
        }

        if (afterCreating)
        {
            await inner.CreatePendingUserAsync(email, cancellationToken);
        }

        if (BeforeFailure is { } interfere)
        {
            await interfere();
        }

        throw new TimeoutException("Directory down.");
    }

    public Task<bool> DeletePendingUserAsync(string userId, CancellationToken cancellationToken) =>
        FailDeletes ? throw new IOException("Directory down while deleting.") : inner.DeletePendingUserAsync(userId, cancellationToken);

    public Task<UserActivationResult> ActivateAsync(string userId, string password, Guid activationId, CancellationToken cancellationToken) =>
        inner.ActivateAsync(userId, password, activationId, cancellationToken);
}
