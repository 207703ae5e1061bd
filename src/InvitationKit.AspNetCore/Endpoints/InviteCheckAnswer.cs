namespace InvitationKit.AspNetCore.Endpoints;

/// <summary>
/// The answer of <c>POST {prefix}/accounts/{accountId}/invitations/check</c>: the dry run's problems, each as a problem
/// details' <c>errors</c> entry, and the seat impact.
/// </summary>
internal sealed record InviteCheckAnswer(bool CanInvite, bool Replays, SeatImpact Seats, IReadOnlyList<InvitationProblem> Problems)
{
    public static InviteCheckAnswer From(InviteCheck check) =>
        new(check.CanInvite, check.Replays, check.Seats, [.. check.Problems.Select(InvitationProblemDetails.ToProblem)]);
}
