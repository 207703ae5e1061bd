using InvitationKit.Ports;

namespace InvitationKit.Docs.Tests.StandIns;

/// <summary>The reader's account directory in the docs' snippets. Snippets are compiled, never run: every member throws.</summary>
public class StandInAccountDirectory : IAccountDirectory
{
    public Task<AccountInfo?> FindAsync(string accountId, CancellationToken cancellationToken) => throw StandInStore.Unused();
}
