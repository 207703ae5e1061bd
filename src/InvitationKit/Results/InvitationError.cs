namespace InvitationKit;

/// <summary>
/// One expected failure: a stable <see cref="Code"/>, a message, the recipient concerned where there is one, and the
/// steps that resolve it.
/// </summary>
/// <threadsafety>This type is immutable.</threadsafety>
public sealed class InvitationError
{
    /// <summary>
    /// Creates an error. The kit builds its own; hosts use this to stub <see cref="IInvitationManager"/> in their tests.
    /// </summary>
    /// <param name="code">The stable machine code.</param>
    /// <param name="message">What went wrong.</param>
    /// <param name="remedies">What resolves it, in order of preference.</param>
    /// <param name="recipient">The recipient concerned, if any.</param>
    public InvitationError(InvitationErrorCode code, string message, IReadOnlyList<string> remedies, string? recipient = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(remedies);
        Code = code;
        Message = message;
        Remedies = remedies;
        Recipient = recipient;
    }

    /// <summary>The stable machine code.</summary>
    public InvitationErrorCode Code { get; }

    /// <summary>What went wrong, in a sentence for the person who called.</summary>
    public string Message { get; }

    /// <summary>What resolves it, in order of preference; may be empty.</summary>
    public IReadOnlyList<string> Remedies { get; }

    /// <summary>The recipient address concerned (normalized, or a printable excerpt of invalid input); null when none.</summary>
    public string? Recipient { get; }

    /// <summary>For <see cref="InvitationErrorCode.UserLimitExceeded"/>: the limit, occupied and requested seats.</summary>
    public SeatLimitDetails? SeatLimit { get; init; }

    /// <summary>For <see cref="InvitationErrorCode.InvitationNotPending"/>: the invitation's status.</summary>
    public InvitationStatus? Status { get; init; }

    /// <summary>For <see cref="InvitationErrorCode.RateLimited"/> and <see cref="InvitationErrorCode.OtpLockedOut"/>: how long to wait; null when unknown or permanent.</summary>
    public NodaTime.Duration? RetryAfter { get; init; }

    /// <summary>For <see cref="InvitationErrorCode.BatchTooLarge"/>: the most recipients one invitation may have.</summary>
    public int? MaxBatchSize { get; init; }

    /// <summary>
    /// For <see cref="InvitationErrorCode.PasswordRejected"/>: why, in the user directory's own words (with ASP.NET Core
    /// Identity, its password validators' messages, in the language its error describer writes); null when it gave none.
    /// The <see cref="Message"/> carries them too; a screen that words the message in another language shows these beside it.
    /// </summary>
    public string? Reason { get; init; }

    /// <summary>Returns the code, the recipient if any, and the message.</summary>
    /// <returns>A one-line description.</returns>
    public override string ToString() => Recipient is null ? $"{Code}: {Message}" : $"{Code} ({Recipient}): {Message}";
}
