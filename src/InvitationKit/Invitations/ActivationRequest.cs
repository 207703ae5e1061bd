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
    /// <summary>
    /// Optional: the secret of the invitation's link, when the person activates from the invitation's page. The code is
    /// then counted against that invitation's own failure budget, which nobody without the link can spend, so a stranger
    /// guessing codes for the address cannot lock its invitee out (rule 11); the per-address throttle does not apply.
    /// A secret that names no pending new-user invitation of <see cref="Email"/> is ignored. Carry it in the request's
    /// body, never in a URL other than the link itself.
    /// </summary>
    public string? Secret { get; init; }

    /// <summary>Returns the address only: the code and the password are never printed.</summary>
    /// <returns>A redacted description.</returns>
    public override string ToString() => $"ActivationRequest {{ Email = {Email}, OneTimePassword = ***, Password = ***, Secret = {(Secret is null ? "null" : "***")} }}";
}
