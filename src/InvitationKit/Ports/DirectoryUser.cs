namespace InvitationKit.Ports;

/// <summary>A user as the user directory reports it.</summary>
/// <param name="Id">The user's id.</param>
/// <param name="Email">The user's email; null when the user registered without disclosing one.</param>
/// <param name="DisplayName">The user's name, if known.</param>
/// <param name="IsEnabled">False for a user created by an invitation who has not activated yet.</param>
/// <threadsafety>This type is immutable.</threadsafety>
public sealed record DirectoryUser(string Id, string? Email, string? DisplayName, bool IsEnabled);
