namespace InvitationKit.Ports;

/// <summary>The host's accounts (tenants), read-only to the kit.</summary>
public interface IAccountDirectory
{
    /// <summary>Finds an account.</summary>
    /// <param name="accountId">The account id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The account, or null when the id is unknown.</returns>
    Task<AccountInfo?> FindAsync(string accountId, CancellationToken cancellationToken);
}
