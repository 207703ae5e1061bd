namespace InvitationKit.Tests.Properties;

/// <summary>An outcome as the model-based test compares it: success, or the sorted error codes.</summary>
internal sealed record Outcome(bool Succeeded, string Codes)
{
    public static readonly Outcome Ok = new(true, string.Empty);

    public static Outcome Fail(params InvitationErrorCode[] codes) => new(false, string.Join(",", codes.Order()));

    public static Outcome Of<T>(InvitationResult<T> result) =>
        result.Succeeded ? Ok : Fail([.. result.Errors.Select(e => e.Code)]);
}
