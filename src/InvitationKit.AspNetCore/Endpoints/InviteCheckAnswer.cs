namespace InvitationKit.AspNetCore.Endpoints;

/// <summary>
/// The answer of <c>POST {prefix}/accounts/{accountId}/invitations/check</c>: the dry run's problems, each as a problem
/// details' <c>errors</c> entry, the seat impact, and the addresses a re-invite would resend or replace.
/// </summary>
internal sealed record InviteCheckAnswer(bool CanInvite, bool Replays, SeatImpact Seats, IReadOnlyList<InvitationProblem> Problems, IReadOnlyList<string> Reissued)
{
    public static InviteCheckAnswer From(InviteCheck check) =>
        new(check.CanInvite, check.Replays, check.Seats, [.. check.Problems.Select(InvitationProblemDetails.ToProblem)], check.Reissued);
}
