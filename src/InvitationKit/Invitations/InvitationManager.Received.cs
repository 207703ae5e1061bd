using InvitationKit.Limits;
using InvitationKit.Products;

namespace InvitationKit;

/// <summary>
/// The invitee's inbox (rule 21): a signed-in user lists the pending invitations addressed to them, across accounts, and
/// accepts or declines one by its id, without the mail's link. Bound as acceptance is (rule 9): by the address the
/// identity provider verified and the directory holds for that user, or by the invited user's id. Every other
/// invitation is "not found", so a stranger learns nothing from an id, and an unverified address sees nothing. Each
/// request counts against <see cref="InvitationRateLimitOptions.ReceivedInvitationRequestsPerUser"/>.
/// </summary>
internal sealed partial class InvitationManager
{
    public async Task<InvitationResult<IReadOnlyList<ReceivedInvitation>>> ListReceivedInvitationsAsync(SignedInIdentity identity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(identity);
        cancellationToken.ThrowIfCancellationRequested();
        if ((CheckId("user id", identity.UserId) ?? await ReceivedThrottleAsync(identity, cancellationToken).ConfigureAwait(false)) is { } refused)
        {
            return InvitationResult<IReadOnlyList<ReceivedInvitation>>.Failure(refused);
        }

        var verified = await VerifiedEmailAsync(identity, InvitationErrors.NotTheInvitedUser, cancellationToken).ConfigureAwait(false);
        if (!verified.TryGetValue(out var email))
        {
            return verified.ConvertError<IReadOnlyList<ReceivedInvitation>>();
        }

        var now = _clock.GetCurrentInstant();
        var received = new List<ReceivedInvitation>();
        foreach (var invitation in await _stores.Invitations.FindPendingByEmailAsync(email.Key, null, cancellationToken).ConfigureAwait(false))
        {
            // Only what accepting could take: pending, bound to nobody or to this user, of an account the host has not
            // disabled (rule 19), into a product that can be invited into.
            if (InvitationStatusMachine.EffectiveStatus(invitation, now) != InvitationStatus.Pending
                || invitation.UserId is { } bound && !string.Equals(bound, identity.UserId, StringComparison.Ordinal)
                || await _accounts.FindAsync(invitation.AccountId, cancellationToken).ConfigureAwait(false) is not { IsDisabled: false } account
                || !(await InvitableProduct.FindAsync(_products, invitation.ProductId, cancellationToken).ConfigureAwait(false)).TryGetValue(out var product))
            {
                continue;
            }

            received.Add(new ReceivedInvitation(invitation.Id, Preview(invitation, account, product), invitation.InvitedBy));
        }

        return received;
    }

    public async Task<InvitationResult<Member>> AcceptReceivedInvitationAsync(Guid invitationId, SignedInIdentity identity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(identity);
        cancellationToken.ThrowIfCancellationRequested();
        var found = await FindReceivedAsync(invitationId, identity, cancellationToken).ConfigureAwait(false);
        return found.TryGetValue(out var invitation)
            ? await AcceptFoundAsync(invitation, identity, cancellationToken).ConfigureAwait(false)
            : found.ConvertError<Member>();
    }

    public async Task<InvitationResult<InvitationView>> RejectReceivedInvitationAsync(Guid invitationId, SignedInIdentity identity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(identity);
        cancellationToken.ThrowIfCancellationRequested();
        var found = await FindReceivedAsync(invitationId, identity, cancellationToken).ConfigureAwait(false);
        return found.TryGetValue(out var invitation)
            ? await RejectFoundAsync(invitation, identity.UserId, cancellationToken).ConfigureAwait(false)
            : found.ConvertError<InvitationView>();
    }

    /// <summary>
    /// The invitation <paramref name="invitationId"/> when it is addressed to the signed-in user — their verified
    /// address's, or bound to their user id — otherwise "not found", whether it exists or not.
    /// </summary>
    private async Task<InvitationResult<Invitation>> FindReceivedAsync(Guid invitationId, SignedInIdentity identity, CancellationToken cancellationToken)
    {
        if ((CheckId("user id", identity.UserId) ?? await ReceivedThrottleAsync(identity, cancellationToken).ConfigureAwait(false)) is { } refused)
        {
            return refused;
        }

        var invitation = await _stores.Invitations.FindByIdAsync(invitationId, cancellationToken).ConfigureAwait(false);
        var addressed = invitation is not null
            && (string.Equals(invitation.UserId, identity.UserId, StringComparison.Ordinal)
                || identity.EmailVerified && EmailAddress.TryParse(identity.Email, out var email) && email.Key == invitation.EmailKey);
        return addressed ? invitation! : InvitationErrors.InvitationNotFound();
    }

    private Task<InvitationError?> ReceivedThrottleAsync(SignedInIdentity identity, CancellationToken cancellationToken) =>
        RateLimitAsync(RateLimitedOperation.ReceivedInvitationsByUser, identity.UserId, 1, "received invitations", cancellationToken);
}
