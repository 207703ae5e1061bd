namespace InvitationKit.Ports;

/// <summary>The user directory's answer to an activation.</summary>
/// <param name="Status">What happened.</param>
/// <param name="Reason">Why the password was refused, in words for the person; null otherwise.</param>
/// <threadsafety>This type is immutable.</threadsafety>
public sealed record UserActivationResult(UserActivationStatus Status, string? Reason = null)
{
    /// <summary>The user is enabled with the password.</summary>
    public static UserActivationResult Activated { get; } = new(UserActivationStatus.Activated);

    /// <summary>The user was not pending activation; nothing changed.</summary>
    public static UserActivationResult NotPendingActivation { get; } = new(UserActivationStatus.NotPendingActivation);

    /// <summary>The password was refused.</summary>
    /// <param name="reason">Why, in words for the person.</param>
    /// <returns>The result.</returns>
    public static UserActivationResult PasswordRejected(string reason) => new(UserActivationStatus.PasswordRejected, reason);
}
