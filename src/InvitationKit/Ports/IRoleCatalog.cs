namespace InvitationKit.Ports;

/// <summary>
/// The roles an account offers for a product: invites and role edits grant only these (an unknown role is
/// <see cref="InvitationErrorCode.UnknownRole"/>, with the offered roles listed), and
/// <see cref="IInvitationManager.GetGrantableRolesAsync"/> shows them to an invite dialog. Optional: by default every
/// well-formed role name is accepted, as before there was a catalog.
/// </summary>
public interface IRoleCatalog
{
    /// <summary>The roles the account offers for the product.</summary>
    /// <param name="accountId">The account.</param>
    /// <param name="productId">The product.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>
    /// The offered role names, compared ordinally as every role name is (<c>editor</c> is not <c>EDITOR</c>); null when
    /// any well-formed role name is accepted. Names that are no valid role name are ignored.
    /// </returns>
    Task<IReadOnlyList<string>?> GetRolesAsync(string accountId, string productId, CancellationToken cancellationToken);
}
