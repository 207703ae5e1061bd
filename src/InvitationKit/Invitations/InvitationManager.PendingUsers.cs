using InvitationKit.Diagnostics;
using InvitationKit.Ports;

namespace InvitationKit;

/// <summary>
/// Invited users never block sign-up: the user an invitation created pending activation is released (deleted) once no
/// live invitation names its address, at once or by the expiry sweep; the host's registration releases it too, and
/// claims the invitations once the person proved the address.
/// </summary>
internal sealed partial class InvitationManager
{
    private const int ReleaseBatchSize = 100;

    public async Task<InvitationResult<bool>> ReleasePendingUserAsync(string email, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(email);
        cancellationToken.ThrowIfCancellationRequested();
        if (!EmailAddress.TryParse(email, out var address, out var error))
        {
            return InvitationErrors.InvalidEmail(email, error);
        }

        // The directory deletes only a user pending activation whose activation never started (its contract): a person
        // activating with the code right now keeps their user, and the host's registration then finds the address taken.
        // A live invitation needs no user: an activation creates it again, and a registered user accepts by signing in.
        if (await _users.FindByEmailAsync(address, cancellationToken).ConfigureAwait(false) is not { State: UserState.PendingActivation } user
            || !await _users.DeletePendingUserAsync(user.Id, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        Log.PendingUserReleasedForRegistration(_logger, user.Id);
        return true;
    }

    public async Task<InvitationResult<int>> ClaimInvitationsAsync(SignedInIdentity identity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(identity);
        cancellationToken.ThrowIfCancellationRequested();
        if (CheckId("user id", identity.UserId) is { } invalid)
        {
            return invalid;
        }

        var provider = identity.Provider ?? "The identity provider";
        if (string.IsNullOrWhiteSpace(identity.Email))
        {
            return InvitationErrors.EmailNotDisclosed(provider);
        }

        if (!EmailAddress.TryParse(identity.Email, out var email, out var error))
        {
            return InvitationErrors.InvalidEmail(identity.Email, error);
        }

        // The person proved the address (rule 9's binding): only then do the invitations become theirs.
        if (!identity.EmailVerified)
        {
            return InvitationErrors.EmailNotVerified(provider);
        }

        var user = await _users.FindByEmailAsync(email, cancellationToken).ConfigureAwait(false);
        if (user is not { State: UserState.Enabled } || !string.Equals(user.Id, identity.UserId, StringComparison.Ordinal))
        {
            return InvitationErrors.NotTheInvitedUser();
        }

        var bound = await BindNewUserInvitationsAsync(email.Key, user.Id, cancellationToken).ConfigureAwait(false);
        Log.InvitationsClaimed(_logger, user.Id, bound);
        return bound;
    }

    /// <summary>
    /// The expiry sweep's catch-up: releases the pending users of every ended invitation still marked
    /// <see cref="Invitation.PendingUserReleaseDue"/> — its release failed, or the process died between the status change
    /// and the release. A failure is logged and left to the next sweep; it never turns the sweep into a failure.
    /// </summary>
    private async Task ReleaseDuePendingUsersAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                var due = await _stores.Maintenance.FindPendingUserReleasesAsync(ReleaseBatchSize, cancellationToken).ConfigureAwait(false);
                var progress = 0;
                foreach (var invitation in due)
                {
                    progress += await ReleaseAfterEndAsync(invitation, cancellationToken).ConfigureAwait(false) ? 1 : 0;
                }

                if (due.Count < ReleaseBatchSize || progress == 0)
                {
                    return;
                }
            }
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            Log.PendingUserReleasesNotRead(_logger, exception);
        }
    }

    /// <summary>After a revoke or reject is stored: releases the pending user at once when the invitation is marked.</summary>
    private async Task ReleaseIfDueAsync(Invitation ended)
    {
        if (ended.PendingUserReleaseDue)
        {
            await ReleaseAfterEndAsync(ended, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// After a new-user invitation ended: deletes the address's user pending activation unless another live invitation (of
    /// any account) names the address, then clears the invitation's mark. The directory never deletes a user whose
    /// activation started. A failure is logged and leaves the mark for the next expiry sweep.
    /// </summary>
    /// <returns>Whether the release is done (the mark is cleared, or someone else cleared it).</returns>
    private async Task<bool> ReleaseAfterEndAsync(Invitation ended, CancellationToken cancellationToken)
    {
        try
        {
            var now = _clock.GetCurrentInstant();
            var pending = await _stores.Invitations.FindPendingByEmailAsync(ended.EmailKey, null, cancellationToken).ConfigureAwait(false);
            if (!pending.Any(i => i.Id != ended.Id && InvitationStatusMachine.EffectiveStatus(i, now) == InvitationStatus.Pending)
                && await _users.FindByEmailAsync(EmailAddress.FromStored(ended.Email, ended.EmailKey), cancellationToken).ConfigureAwait(false) is { State: UserState.PendingActivation } user
                && await _users.DeletePendingUserAsync(user.Id, cancellationToken).ConfigureAwait(false))
            {
                Log.PendingUserReleased(_logger, user.Id, ended.Id);
            }

            await UpdateAsync(
                ended,
                (current, _) => current.PendingUserReleaseDue ? current with { PendingUserReleaseDue = false } : InvitationErrors.ConcurrencyConflict(),
                cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            Log.PendingUserReleaseFailed(_logger, exception, ended.Id);
            return false;
        }
    }
}
