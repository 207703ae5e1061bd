using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace InvitationKit.AspNetCore.Endpoints;

/// <summary>
/// Turns the kit's errors into RFC 9457 problem details: the status code that fits, and every error with its code, the
/// recipient it concerns, its remedies and its figures. For hosts answering from their own controllers as the endpoints do.
/// </summary>
public static class InvitationProblemDetails
{
    /// <summary>Where the error codes are described; the problem's <c>type</c> is this with the code's anchor.</summary>
    public const string ErrorReference = "https://github.com/invitationkit/InvitationKit/blob/main/docs/errors.md";

    /// <summary>The HTTP status code of an error.</summary>
    /// <param name="code">The error code.</param>
    /// <returns>400 for bad input, 403 for refusals of who is asking, 404 for what is not there, 409 for conflicts with
    /// the current state, 410 for an expired invitation, 422 for an idempotency key reused with another request, 429 for
    /// limits on attempts.</returns>
    public static int StatusCodeFor(InvitationErrorCode code) => code switch
    {
        InvitationErrorCode.PermissionDenied or InvitationErrorCode.OwnerGrantNotAllowed or InvitationErrorCode.RoleGrantNotAllowed
            or InvitationErrorCode.EmailMismatch or InvitationErrorCode.EmailNotDisclosed or InvitationErrorCode.EmailNotVerified
            or InvitationErrorCode.NotTheInvitedUser or InvitationErrorCode.UserDisabled or InvitationErrorCode.AccountDisabled or InvitationErrorCode.NotJoinable
            or InvitationErrorCode.HostDeliveryDisabled or InvitationErrorCode.HostDeliveryNotAllowed => StatusCodes.Status403Forbidden,
        InvitationErrorCode.AccountNotFound or InvitationErrorCode.ProductNotFound or InvitationErrorCode.InvitationNotFound
            or InvitationErrorCode.MemberNotFound or InvitationErrorCode.NewInvitationRequestsOff => StatusCodes.Status404NotFound,
        InvitationErrorCode.UserLimitExceeded or InvitationErrorCode.AlreadyMember or InvitationErrorCode.AlreadyInvited
            or InvitationErrorCode.UserAlreadyExists or InvitationErrorCode.UserNotRegistered or InvitationErrorCode.OnlyRegisteredUsersAllowed
            or InvitationErrorCode.ProductIsSingleAccount or InvitationErrorCode.InvitationNotPending or InvitationErrorCode.LastOwner
            or InvitationErrorCode.ConcurrencyConflict or InvitationErrorCode.AccountAlreadyHasMembers or InvitationErrorCode.UserAlreadyActivated
            or InvitationErrorCode.ActivationInProgress or InvitationErrorCode.OwnerRequired or InvitationErrorCode.EmailDomainNotAllowed => StatusCodes.Status409Conflict,
        InvitationErrorCode.InvitationExpired => StatusCodes.Status410Gone,
        InvitationErrorCode.IdempotencyKeyReused => StatusCodes.Status422UnprocessableEntity,
        InvitationErrorCode.RateLimited or InvitationErrorCode.OtpLockedOut or InvitationErrorCode.ResendLimitReached => StatusCodes.Status429TooManyRequests,
        _ => StatusCodes.Status400BadRequest,
    };

    /// <summary>
    /// The problem details of a refusal. The status is the first error's; the <c>code</c> extension is the first error's
    /// code, and <c>errors</c> lists every error as <c>{ code, message, recipient, remedies, seatLimit, status, retryAfterSeconds }</c>.
    /// </summary>
    /// <param name="errors">The errors of a failed result (at least one).</param>
    /// <returns>The problem details.</returns>
    public static ProblemDetails Create(IReadOnlyList<InvitationError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.Count == 0)
        {
            throw new ArgumentException("A problem needs at least one error.", nameof(errors));
        }

        var first = errors[0];
        var problem = new ProblemDetails
        {
            Status = StatusCodeFor(first.Code),
            Type = $"{ErrorReference}#{first.Code.ToString().ToLowerInvariant()}",
            Title = errors.Count == 1 ? first.Message : $"The request was refused for {errors.Count} reasons.",
            Detail = errors.Count == 1 ? string.Join(" ", first.Remedies) : string.Join(" ", errors.Select(e => e.ToString())),
        };
        problem.Extensions["code"] = first.Code.ToString();
        problem.Extensions["errors"] = errors.Select(ToProblem).ToArray();
        return problem;
    }

    /// <summary>One error as the <c>errors</c> of a problem (and the <c>problems</c> of a dry run) show it.</summary>
    internal static InvitationProblem ToProblem(InvitationError error) => new(
        error.Code.ToString(),
        error.Message,
        error.Recipient,
        error.Remedies,
        error.SeatLimit,
        error.Status?.ToString(),
        error.RetryAfter is { } wait ? Math.Ceiling(wait.TotalSeconds) : null);

    /// <summary>The endpoint result of a refusal: the problem details, with <c>Retry-After</c> when an error says when to retry.</summary>
    /// <param name="errors">The errors of a failed result.</param>
    /// <returns>The result.</returns>
    public static IResult ToResult(IReadOnlyList<InvitationError> errors)
    {
        var problem = Create(errors);
        var retryAfter = errors.Select(e => e.RetryAfter).Where(d => d is not null).Max();
        var result = TypedResults.Problem(problem);
        return retryAfter is { } wait ? new RetryAfterResult(result, (long)Math.Ceiling(wait.TotalSeconds)) : result;
    }

    private sealed class RetryAfterResult(IResult inner, long seconds) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            return inner.ExecuteAsync(httpContext);
        }
    }
}
