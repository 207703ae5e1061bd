namespace InvitationKit.AspNetCore.Identity;

/// <summary>
/// Names a user the kit knows only by id (a member, an inviter) for a screen. <c>UseAspNetCoreIdentity()</c> registers
/// one that shows the user's email from ASP.NET Core Identity; register your own to show display names instead.
/// </summary>
public interface IUserDisplayNameResolver
{
    /// <summary>Names one user.</summary>
    /// <param name="userId">The user's id, as the kit stores it.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The name to show, or null when the user is unknown.</returns>
    ValueTask<string?> ResolveAsync(string userId, CancellationToken cancellationToken);
}
