using NodaTime;

namespace InvitationKit;

/// <summary>Rule 2's findings for a refused batch (rule 8: every problem at once), from the store's answer or read one by one.</summary>
internal sealed partial class InvitationManager
{
    /// <summary>
    /// The slow path of a batch refused anyway: reads memberships, pending invitations and seats one by one (the invalid
    /// addresses and duplicates were never planned) — and the dry run's, which writes nothing.
    /// </summary>
    /// <returns>The seats the batch would take.</returns>
    private async Task<SeatImpact> AddStoredProblemsAsync(string accountId, int limit, List<PlannedRecipient> planned, Instant now, List<InvitationError> errors, CancellationToken cancellationToken)
    {
        var standings = new List<RecipientStanding>(planned.Count);
        foreach (var recipient in planned)
        {
            var member = recipient.RegisteredUser is { } user && await _stores.Members.FindMemberAsync(accountId, user.Id, cancellationToken).ConfigureAwait(false) is not null;
            var pending = (await _stores.Invitations.FindPendingByEmailAsync(recipient.Email.Key, accountId, cancellationToken).ConfigureAwait(false))
                .Any(i => InvitationStatusMachine.EffectiveStatus(i, now) == InvitationStatus.Pending);
            standings.Add(new RecipientStanding(recipient.Email.Value, member, pending));
        }

        return AddSeatProblems(errors, standings, await _stores.Members.CountOccupiedSeatsAsync(accountId, now, cancellationToken).ConfigureAwait(false), limit);
    }

    /// <summary>
    /// Each recipient already a member or already invited, and the seats the batch would take beyond the limit: only the
    /// recipients that would take a seat request one.
    /// </summary>
    /// <returns>The seats the batch would take.</returns>
    private static SeatImpact AddSeatProblems(List<InvitationError> errors, IEnumerable<RecipientStanding> recipients, int occupied, int limit)
    {
        var requested = 0;
        foreach (var (email, member, pending) in recipients)
        {
            if (member)
            {
                errors.Add(InvitationErrors.AlreadyMember(email));
            }

            if (pending)
            {
                errors.Add(InvitationErrors.AlreadyInvited(email));
            }

            requested += member || pending ? 0 : 1;
        }

        if (occupied + requested > limit)
        {
            errors.Add(InvitationErrors.UserLimitExceeded(new SeatLimitDetails(limit, occupied, requested)));
        }

        return new SeatImpact(limit, occupied, requested);
    }

    /// <summary>Where a recipient of a refused batch stands in the account.</summary>
    private sealed record RecipientStanding(string Email, bool Member, bool Pending);
}
