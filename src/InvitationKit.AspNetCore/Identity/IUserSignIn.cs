namespace InvitationKit.AspNetCore.Identity;

/// <summary>
/// Signs a user in by id, for a screen that has just proven who they are: a new user who activated with the mailed code
/// and chose a password. <c>UseAspNetCoreIdentity()</c> registers one over ASP.NET Core Identity's
/// <c>SignInManager</c> (when the host registered it, as <c>AddIdentity</c> does).
/// </summary>
public interface IUserSignIn
{
    /// <summary>Signs the user in for this browser session.</summary>
    /// <param name="userId">The user's id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>Whether the user was signed in; false when the host has no sign-in manager or the user is unknown.</returns>
    Task<bool> SignInAsync(string userId, CancellationToken cancellationToken);
}
