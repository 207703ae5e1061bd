namespace InvitationKit.AspNetCore.Endpoints;

/// <summary>One error in a problem's <c>errors</c> extension.</summary>
internal sealed record InvitationProblem(
    string Code,
    string Message,
    string? Recipient,
    IReadOnlyList<string> Remedies,
    SeatLimitDetails? SeatLimit,
    string? Status,
    double? RetryAfterSeconds);
