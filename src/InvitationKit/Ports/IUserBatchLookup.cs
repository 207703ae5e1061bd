namespace InvitationKit.Ports;

/// <summary>
/// An optional capability of an <see cref="IUserDirectory"/> that can find many addresses in one query (a directory on a
/// database). The kit detects it when it reads an invite's whole batch; without it, it calls
/// <see cref="IUserDirectory.FindByEmailAsync"/> for each address. It must answer exactly as those calls would.
/// </summary>
public interface IUserBatchLookup
{
    /// <summary>
    /// Finds the users of many addresses at once, keyed by <see cref="EmailAddress.Key"/>; addresses without a user are
    /// absent. Users without an email are never found.
    /// </summary>
    /// <param name="emails">The addresses.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The users found, by email key.</returns>
    Task<IReadOnlyDictionary<string, DirectoryUser>> FindByEmailsAsync(IReadOnlyList<EmailAddress> emails, CancellationToken cancellationToken);
}
