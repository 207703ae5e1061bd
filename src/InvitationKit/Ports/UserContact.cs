namespace InvitationKit.Ports;

/// <summary>How to reach a user (<see cref="IUserContactDirectory"/>).</summary>
/// <param name="UserId">The user id.</param>
/// <param name="Email">The user's address, which mail to them goes to.</param>
/// <param name="DisplayName">The user's name as a mail shows it; null to name them by nothing (a mail then greets them without a name).</param>
/// <param name="Language">
/// The user's language as a BCP 47 tag (<c>ru</c>, <c>en-GB</c>), or null for the deployment's default; a mail falls back
/// to the nearest language it is written in.
/// </param>
/// <threadsafety>This type is immutable.</threadsafety>
public sealed record UserContact(string UserId, EmailAddress Email, string? DisplayName, string? Language)
{
    /// <summary>The contact without its address and name, so that it can be logged.</summary>
    /// <returns>The user id and the language.</returns>
    public override string ToString() => $"UserContact {{ UserId = {UserId}, Email = ***, DisplayName = ***, Language = {Language} }}";
}
