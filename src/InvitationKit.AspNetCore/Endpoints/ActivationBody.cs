namespace InvitationKit.AspNetCore.Endpoints;

/// <summary>The body of the activate endpoint.</summary>
/// <param name="Email">The invited address.</param>
/// <param name="OneTimePassword">The mailed code.</param>
/// <param name="Password">The chosen password.</param>
/// <threadsafety>This type is immutable.</threadsafety>
public sealed record ActivationBody(string Email, string OneTimePassword, string Password)
{
    /// <summary>
    /// Optional: the invitation link's secret, when the person activates from the invitation's page; no stranger guessing
    /// codes for the address can then lock them out (<see cref="ActivationRequest.Secret"/>).
    /// </summary>
    public string? Secret { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"ActivationBody {{ Email = {Email}, OneTimePassword = ***, Password = ***, Secret = {(Secret is null ? "null" : "***")} }}";
}
