namespace InvitationKit.AspNetCore.Endpoints;

/// <summary>The body of the accept and reject endpoints: the secret from the invitation link.</summary>
/// <param name="Secret">The link's secret.</param>
/// <threadsafety>This type is immutable.</threadsafety>
public sealed record LinkBody(string Secret)
{
    /// <inheritdoc />
    public override string ToString() => "LinkBody { Secret = *** }";
}
