namespace InvitationKit;

/// <summary>The invitee as the host's sign-in established them, presented when accepting an invitation (rule 9).</summary>
/// <param name="UserId">The signed-in user's id.</param>
/// <param name="Email">
/// The email the identity provider disclosed; null, empty or only whitespace when it disclosed none. Surrounding whitespace
/// is trimmed before it is matched (<see cref="EmailAddress"/>).
/// </param>
/// <param name="Provider">The identity provider's name, e.g. <c>GitHub</c> or <c>Local</c>.</param>
/// <param name="EmailVerified">
/// Whether the provider verified that the user controls <paramref name="Email"/> (the <c>email_verified</c> claim, or a
/// confirmed local account). An unverified email is refused: a provider that lets users type any email would otherwise
/// let anyone accept an invitation forwarded to them.
/// </param>
/// <threadsafety>This type is immutable.</threadsafety>
public sealed record SignedInIdentity(string UserId, string? Email, string Provider, bool EmailVerified)
{
    /// <summary>
    /// The <see cref="Provider"/> of a user who signed in with the application's own accounts (a local password, as
    /// ASP.NET Core Identity's users do): errors then speak of the application, not of a third-party service.
    /// </summary>
    public const string LocalProvider = "Local";
}
