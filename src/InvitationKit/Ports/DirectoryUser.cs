namespace InvitationKit.Ports;

/// <summary>A user as the user directory reports it.</summary>
/// <param name="Id">The user's id.</param>
/// <param name="Email">The user's email; null when the user registered without disclosing one.</param>
/// <param name="State">Whether the user awaits activation, can sign in, or was disabled by the host.</param>
/// <threadsafety>This type is immutable.</threadsafety>
public sealed record DirectoryUser(string Id, string? Email, UserState State);
