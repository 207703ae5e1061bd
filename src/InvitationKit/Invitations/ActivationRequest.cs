namespace InvitationKit;

/// <summary>A new user activating their account with the mailed one-time password (rule 10).</summary>
/// <param name="Email">The invited address, in any case; surrounding whitespace is trimmed (<see cref="EmailAddress"/>).</param>
/// <param name="OneTimePassword">The code from the invitation email.</param>
/// <param name="Password">The password the person chose; handed to the user directory, never stored or logged by the kit.</param>
/// <param name="PartitionKey">
/// Optional: who is asking, for the <see cref="InvitationRateLimitOptions.ActivationsPerPartition"/> throttle — typically
/// the client's IP address. Null skips that throttle; the per-address one always applies.
/// </param>
/// <threadsafety>This type is immutable.</threadsafety>
public sealed record ActivationRequest(string Email, string OneTimePassword, string Password, string? PartitionKey = null)
{
    /// <summary>Returns the address only: the code and the password are never printed.</summary>
    /// <returns>A redacted description.</returns>
    public override string ToString() => $"ActivationRequest {{ Email = {Email}, OneTimePassword = ***, Password = *** }}";
}
