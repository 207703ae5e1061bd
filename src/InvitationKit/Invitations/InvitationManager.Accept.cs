using InvitationKit.Diagnostics;
using InvitationKit.Ports;
using InvitationKit.Products;
using InvitationKit.Secrets;
using NodaTime;

namespace InvitationKit;

internal sealed partial class InvitationManager
{
    public async Task<InvitationResult<Member>> AcceptAsync(string secret, SignedInIdentity identity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(identity);
        cancellationToken.ThrowIfCancellationRequested();
        if (CheckId("user id", identity.UserId) is { } invalid)
        {
            return invalid;
        }

        // Rule 9: an unknown or wrong secret is "not found", never which part was wrong.
        var invitation = await FindBySecretAsync(secret, cancellationToken).ConfigureAwait(false);
        return invitation is null ? InvitationErrors.InvitationNotFound() : await AcceptFoundAsync(invitation, identity, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Rule 9's acceptance of an invitation found by its link or, from the invitee's inbox, by its id.</summary>
    private async Task<InvitationResult<Member>> AcceptFoundAsync(Invitation invitation, SignedInIdentity identity, CancellationToken cancellationToken)
    {
        if (await EnsureEnabledAsync(invitation.AccountId, cancellationToken).ConfigureAwait(false) is { } disabled)
        {
            return disabled; // rule 19, told to the link's holder
        }

        var product = await InvitableProduct.FindAsync(_products, invitation.ProductId, cancellationToken).ConfigureAwait(false);
        if (!product.TryGetValue(out var found))
        {
            return product.ConvertError<Member>();
        }

        Invitation? current = invitation;
        for (var attempt = 0; attempt < MaxConcurrencyRetries; attempt++)
        {
            if (current is null)
            {
                return InvitationErrors.InvitationNotFound();
            }

            invitation = current;
            var now = _clock.GetCurrentInstant();
            if (EnsureChangeable(invitation, now) is { } notPending)
            {
                // A retry after a lost reply: the same user's membership from this very invitation is the same success.
                return invitation.Status == InvitationStatus.Accepted
                    && await _stores.Members.FindMemberAsync(invitation.AccountId, identity.UserId, cancellationToken).ConfigureAwait(false) is { } member
                    && member.InvitationId == invitation.Id
                        ? member
                        : notPending;
            }

            if (string.IsNullOrWhiteSpace(identity.Email))
            {
                return InvitationErrors.EmailNotDisclosed(identity.Provider ?? "The identity provider");
            }

            if (!EmailAddress.TryParse(identity.Email, out var email) || email.Key != invitation.EmailKey)
            {
                return InvitationErrors.EmailMismatch(identity.Provider ?? "The identity provider");
            }

            if (!identity.EmailVerified)
            {
                return InvitationErrors.EmailNotVerified(identity.Provider ?? "The identity provider");
            }

            if (await CheckInvitedUserAsync(invitation, identity.UserId, email, cancellationToken).ConfigureAwait(false) is { } wrongUser)
            {
                return wrongUser;
            }

            var accepted = await TryAcceptAsync(invitation, found, identity.UserId, now, cancellationToken).ConfigureAwait(false);
            if (accepted is not null)
            {
                return accepted;
            }

            current = await _stores.Invitations.FindByIdAsync(invitation.Id, cancellationToken).ConfigureAwait(false);
        }

        return InvitationErrors.ConcurrencyConflict();
    }

    public async Task<InvitationResult<InvitationView>> RejectAsync(string secret, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(secret);
        cancellationToken.ThrowIfCancellationRequested();
        var invitation = await FindBySecretAsync(secret, cancellationToken).ConfigureAwait(false);
        return await RejectFoundAsync(invitation, actorId: null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The decline of an invitation found by its link or, from the invitee's inbox, by its id (null: not found).</summary>
    private async Task<InvitationResult<InvitationView>> RejectFoundAsync(Invitation? invitation, string? actorId, CancellationToken cancellationToken)
    {
        if (invitation is not null && await EnsureEnabledAsync(invitation.AccountId, cancellationToken).ConfigureAwait(false) is { } disabled)
        {
            return disabled; // rule 19, told to the link's holder
        }

        if (invitation is { Status: InvitationStatus.Rejected })
        {
            // A retry after a lost reply: already done, but perhaps not the release that follows it.
            await ReleaseIfDueAsync(invitation).ConfigureAwait(false);
            return View(invitation, _clock.GetCurrentInstant());
        }

        var hash = invitation?.SecretHash;
        var rejected = await UpdateAsync(
            invitation,
            (current, now) => EnsureChangeable(current, now) ?? (InvitationResult<Invitation>)InvitationStatusMachine.Transition(current, InvitationStatus.Rejected, now, current.UserId),
            cancellationToken,
            stillSame: current => current.SecretHash == hash).ConfigureAwait(false);
        return await CompleteTransitionAsync(rejected, InvitationEventKind.Rejected, actorId).ConfigureAwait(false);
    }

    /// <summary>
    /// Binding (rule 9): the directory's user of the invited address must be the signed-in user, and enabled. An
    /// invitation bound to a user (existing-user) accepts only that user; one bound to nobody (a new user's, or one for
    /// whoever registers with the address) accepts the user who holds the address now, registered by another path since;
    /// a user still pending activation activates with the code instead. A user the host disabled is refused whatever the
    /// invitation, also with a session that is still live.
    /// </summary>
    private async Task<InvitationError?> CheckInvitedUserAsync(Invitation invitation, string userId, EmailAddress email, CancellationToken cancellationToken)
    {
        if (invitation.UserId is { } bound && !string.Equals(bound, userId, StringComparison.Ordinal))
        {
            return InvitationErrors.NotTheInvitedUser();
        }

        var user = await _users.FindByEmailAsync(email, cancellationToken).ConfigureAwait(false);
        return user is null || !string.Equals(user.Id, userId, StringComparison.Ordinal) ? InvitationErrors.NotTheInvitedUser()
            : user.State switch
            {
                UserState.Enabled => null,
                UserState.Disabled => InvitationErrors.UserDisabled(),
                _ => InvitationErrors.NotTheInvitedUser(),
            };
    }

    /// <summary>
    /// Stores the acceptance and the membership in one atomic step. Returns null when the invitation changed
    /// concurrently (the caller re-reads and re-checks), otherwise the outcome. A new user's other new-user invitations
    /// are then bound to them: once enabled, they accept by signing in. An activation's reserved attempt
    /// (<paramref name="releaseOtpAttemptOf"/>) is released whatever the outcome, with the acceptance when the store can.
    /// </summary>
    private async Task<InvitationResult<Member>?> TryAcceptAsync(Invitation invitation, ProductInfo product, string userId, Instant now, CancellationToken cancellationToken, IReadOnlyList<Invitation>? pendingOfAddress = null, OtpAttempt? releaseOtpAttemptOf = null)
    {
        var latestOnly = product.Mode == MultiAccountMode.LatestAccountOnly;
        var member = new Member(invitation.AccountId, userId, invitation.Roles, invitation.GrantsOwner, now, invitation.Id) { Metadata = invitation.Metadata };
        var acceptance = new Acceptance(ActivationClaim.Release(InvitationStatusMachine.Transition(invitation, InvitationStatus.Accepted, now, userId)), member, latestOnly);
        var result = releaseOtpAttemptOf is null
            ? await _stores.Members.AcceptAsync(acceptance, cancellationToken).ConfigureAwait(false)
            : await AcceptAndReleaseOtpAttemptAsync(acceptance, releaseOtpAttemptOf.Value, cancellationToken).ConfigureAwait(false);

        switch (result.Status)
        {
            case AcceptanceStatus.Conflict:
                Log.ConcurrentChange(_logger, invitation.Id);
                return null;
            case AcceptanceStatus.AlreadyMember:
                // The same user's racing accept of this very invitation won: that is the same success, not a refusal.
                return await _stores.Members.FindMemberAsync(invitation.AccountId, userId, cancellationToken).ConfigureAwait(false) is { } winner && winner.InvitationId == invitation.Id
                    ? winner
                    : InvitationErrors.AlreadyMember(invitation.Email);
        }

        Log.StatusChanged(_logger, invitation.Id, InvitationStatus.Accepted, invitation.AccountId);
        await PublishAsync(InvitationEventKind.Accepted, invitation.AccountId, invitation.Id, userId, userId, now).ConfigureAwait(false);
        if (latestOnly && result.SupersededAccountId != invitation.AccountId)
        {
            try
            {
                var change = new ActiveAccountChange(userId, invitation.ProductId, invitation.AccountId, result.SupersededAccountId);
                await _activeAccounts.OnActiveAccountChangedAsync(change, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                Log.ObserverFailed(_logger, exception, userId, invitation.AccountId);
            }
        }

        if (invitation.Kind == InvitationKind.NewUser)
        {
            await BindNewUserInvitationsAsync(invitation.EmailKey, userId, CancellationToken.None, pendingOfAddress?.Where(i => i.Id != invitation.Id).ToArray()).ConfigureAwait(false);
        }

        return member;
    }

    /// <summary>
    /// Once a new user is enabled, their pending new-user invitations in every account become existing-user ones bound to
    /// them, without a code: nobody can activate (and so set the password of) an enabled user.
    /// </summary>
    /// <param name="emailKey">The address.</param>
    /// <param name="userId">The enabled user.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <param name="known">The address's other pending invitations when the caller just read them (an activation did):
    /// no second read, and none when there are none. A stale one is re-read by its compare-and-swap.</param>
    /// <returns>How many invitations were bound.</returns>
    private async Task<int> BindNewUserInvitationsAsync(string emailKey, string userId, CancellationToken cancellationToken, IReadOnlyList<Invitation>? known = null)
    {
        var count = 0;
        var pending = known ?? await _stores.Invitations.FindPendingByEmailAsync(emailKey, null, cancellationToken).ConfigureAwait(false);
        foreach (var invitation in pending.Where(i => i.Kind == InvitationKind.NewUser))
        {
            var bound = await UpdateAsync(
                invitation,
                // An invitation already bound, or held by its own activation, is left as it is.
                (current, now) => current.Kind != InvitationKind.NewUser || _claims.IsHeld(current, now)
                    ? InvitationErrors.ActivationInProgress()
                    : InvitationStatusMachine.EnsurePending(current, now) ?? (InvitationResult<Invitation>)BindTo(current, userId),
                cancellationToken).ConfigureAwait(false);
            if (bound.Succeeded)
            {
                count++;
                Log.BoundToExistingUser(_logger, invitation.Id, userId);
            }
        }

        return count;
    }

    /// <summary>An activation's acceptance, after which the right code's reserved attempt is released whatever the outcome.</summary>
    private async Task<AcceptanceResult> AcceptAndReleaseOtpAttemptAsync(Acceptance acceptance, OtpAttempt attempt, CancellationToken cancellationToken)
    {
        var released = false;
        try
        {
            var result = await _stores.Combined.AcceptAndReleaseOtpAttemptAsync(acceptance, attempt.BudgetKey, attempt.Hash, cancellationToken).ConfigureAwait(false);
            released = result.Status == AcceptanceStatus.Accepted; // released with the acceptance
            return result;
        }
        finally
        {
            // Not stored, or failed (most likely nothing was stored; after a lost reply the release finds nothing to return).
            if (!released)
            {
                await OtpAttemptRelease.ReleaseAsync(_stores.OtpBudget, attempt.BudgetKey, attempt.Hash, _logger).ConfigureAwait(false);
            }
        }
    }

    private static Invitation BindTo(Invitation invitation, string userId) =>
        ActivationClaim.Release(invitation) with { Kind = InvitationKind.ExistingUser, UserId = userId, OtpHash = null };

    /// <summary>
    /// Logs and publishes a stored status change, releases the pending user a new-user invitation leaves behind, and turns
    /// the invitation into its view.
    /// </summary>
    private async Task<InvitationResult<InvitationView>> CompleteTransitionAsync(InvitationResult<Invitation> result, InvitationEventKind kind, string? actorId)
    {
        if (!result.TryGetValue(out var invitation))
        {
            return result.ConvertError<InvitationView>();
        }

        var at = invitation.ResolvedAt ?? _clock.GetCurrentInstant();
        Log.StatusChanged(_logger, invitation.Id, invitation.Status, invitation.AccountId);
        await PublishAsync(kind, invitation.AccountId, invitation.Id, invitation.UserId, actorId, at).ConfigureAwait(false);
        await ReleaseIfDueAsync(invitation).ConfigureAwait(false);
        return View(invitation, at);
    }
}
