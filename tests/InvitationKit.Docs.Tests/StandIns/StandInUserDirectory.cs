using InvitationKit.Ports;

namespace InvitationKit.Docs.Tests.StandIns;

/// <summary>The reader's user directory in the docs' snippets. Snippets are compiled, never run: every member throws.</summary>
public class StandInUserDirectory : IUserDirectory
{
    public Task<DirectoryUser?> FindByEmailAsync(EmailAddress email, CancellationToken cancellationToken) => throw StandInStore.Unused();

    public Task<DirectoryUser> CreatePendingUserAsync(EmailAddress email, CancellationToken cancellationToken) => throw StandInStore.Unused();

    public Task<bool> DeletePendingUserAsync(string userId, CancellationToken cancellationToken) => throw StandInStore.Unused();

    public Task<UserActivationResult> ActivateAsync(string userId, string password, Guid activationId, CancellationToken cancellationToken) => throw StandInStore.Unused();
}
