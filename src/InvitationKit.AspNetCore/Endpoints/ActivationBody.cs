namespace InvitationKit.AspNetCore.Endpoints;

/// <summary>The body of the activate endpoint.</summary>
/// <param name="Email">The invited address.</param>
/// <param name="OneTimePassword">The mailed code.</param>
/// <param name="Password">The chosen password.</param>
/// <threadsafety>This type is immutable.</threadsafety>
public sealed record ActivationBody(string Email, string OneTimePassword, string Password)
{
    /// <inheritdoc />
    public override string ToString() => $"ActivationBody {{ Email = {Email}, OneTimePassword = ***, Password = *** }}";
}
