namespace InvitationKit.Ports;

/// <summary>What <see cref="IUserDirectory.ActivateAsync"/> did.</summary>
public enum UserActivationStatus
{
    /// <summary>The user was pending activation and is now enabled with the password, or was already activated by this same activation.</summary>
    Activated = 0,

    /// <summary>The directory refused the password; the user is unchanged and still pending activation.</summary>
    PasswordRejected = 1,

    /// <summary>The user is not pending activation (enabled already by another path, or disabled by the host); nothing changed.</summary>
    NotPendingActivation = 2,
}
