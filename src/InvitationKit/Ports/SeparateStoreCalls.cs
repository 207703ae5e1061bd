using InvitationKit.Secrets;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace InvitationKit.Ports;

/// <summary>
/// The combined operations made of two store calls each: what <see cref="InvitationStoreSet.Combined"/> is when the store
/// does not implement <see cref="ICombinedStoreOperations"/> itself (or its roles are backed separately). Written once,
/// here; the conformance kit checks it as it checks a store's own.
/// </summary>
internal sealed class SeparateStoreCalls(IInvitationStore invitations, IMemberStore members, IOtpBudgetStore otpBudget, ILogger logger) : ICombinedStoreOperations
{
    public async Task<MemberRead<int>> FindMemberAndCountOccupiedSeatsAsync(string accountId, string userId, Instant now, CancellationToken cancellationToken)
    {
        var member = await members.FindMemberAsync(accountId, userId, cancellationToken).ConfigureAwait(false);
        return new(member, member is null ? 0 : await members.CountOccupiedSeatsAsync(accountId, now, cancellationToken).ConfigureAwait(false));
    }

    public async Task<MemberRead<Page<Invitation>?>> FindMemberAndListAsync(string userId, InvitationQuery query, Instant now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var member = await members.FindMemberAsync(query.AccountId, userId, cancellationToken).ConfigureAwait(false);
        return new(member, member is null ? null : await invitations.ListAsync(query, now, cancellationToken).ConfigureAwait(false));
    }

    public async Task<MemberRead<IReadOnlyList<EmailDomain>>> FindMemberAndEmailDomainsAsync(string accountId, string userId, CancellationToken cancellationToken)
    {
        var member = await members.FindMemberAsync(accountId, userId, cancellationToken).ConfigureAwait(false);
        return new(member, member is null || invitations is not IEmailDomainStore domains ? [] : await domains.GetEmailDomainsAsync(accountId, cancellationToken).ConfigureAwait(false));
    }

    public async Task<OtpReservationRead> TryReserveOtpAttemptAndFindPendingAsync(string emailKey, SecretHash attempt, OtpFailureBudget budget, Instant now, CancellationToken cancellationToken)
    {
        // The read comes first, as in the EF Core store's one command: a failure before the reservation counts nothing,
        // so nothing needs compensating. (A release here could not tell this call's charge from an earlier request's
        // charge of the same attempt, and would return a wrong guess's failure.)
        var pending = await invitations.FindPendingByEmailAsync(emailKey, null, cancellationToken).ConfigureAwait(false);
        if (!OtpFailureBudget.Guards(pending, now))
        {
            return new(OtpAttemptReservation.Granted, pending);
        }

        var reservation = await otpBudget.TryReserveOtpAttemptAsync(emailKey, attempt, budget, now, cancellationToken).ConfigureAwait(false);
        return new(reservation, reservation.Reserved ? pending : []);
    }

    public async Task<AcceptanceResult> AcceptAndReleaseOtpAttemptAsync(Acceptance acceptance, string emailKey, SecretHash attempt, CancellationToken cancellationToken)
    {
        var result = await members.AcceptAsync(acceptance, cancellationToken).ConfigureAwait(false);
        if (result.Status == AcceptanceStatus.Accepted)
        {
            await OtpAttemptRelease.ReleaseAsync(otpBudget, emailKey, attempt, logger).ConfigureAwait(false);
        }

        return result;
    }
}
