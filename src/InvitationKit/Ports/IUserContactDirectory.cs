namespace InvitationKit.Ports;

/// <summary>
/// Finds how to reach a user, by id: their address, their name and their language. Optional: a notice mailer (the
/// SMTP one of <c>InvitationKit.Mail</c>) needs it, because <see cref="InvitationNotice.RecipientUserIds"/> holds user ids
/// and <see cref="IUserDirectory"/> looks users up by address only. <c>InvitationKit.AspNetCore</c>'s
/// <c>UseAspNetCoreIdentity</c> registers one over Identity; <c>InvitationKit.Testing</c>'s <c>UseInMemoryPorts</c> one
/// over its in-memory users.
/// </summary>
public interface IUserContactDirectory
{
    /// <summary>Finds the contact of a user.</summary>
    /// <param name="userId">The user id, as <see cref="IMemberStore"/> and <see cref="IUserDirectory"/> know it.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>
    /// The contact, or null when the user is unknown or must not be mailed (no confirmed address, disabled, locked out):
    /// a notice mailer then leaves them out.
    /// </returns>
    Task<UserContact?> FindContactAsync(string userId, CancellationToken cancellationToken);
}
