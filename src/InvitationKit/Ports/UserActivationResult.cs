namespace InvitationKit.Ports;

/// <summary>The user directory's answer to an activation.</summary>
/// <param name="Succeeded">Whether the user is now enabled with the password.</param>
/// <param name="Reason">Why the password was refused, in words for the person; null on success.</param>
/// <threadsafety>This type is immutable.</threadsafety>
public sealed record UserActivationResult(bool Succeeded, string? Reason = null)
{
    /// <summary>The user is enabled.</summary>
    public static UserActivationResult Success { get; } = new(true);

    /// <summary>The password was refused.</summary>
    /// <param name="reason">Why, in words for the person.</param>
    /// <returns>The result.</returns>
    public static UserActivationResult Refused(string reason) => new(false, reason);
}
