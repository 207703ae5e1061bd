using InvitationKit.Diagnostics;
using InvitationKit.Limits;
using InvitationKit.Ports;
using InvitationKit.Products;
using InvitationKit.Secrets;
using NodaTime;

namespace InvitationKit;

internal sealed partial class InvitationManager
{
    /// <summary>The longest password handed to the user directory; longer input is refused without reaching it.</summary>
    internal const int MaxPasswordLength = 1024;

    public async Task<InvitationResult<Member>> ActivateAsync(ActivationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(request.OneTimePassword, nameof(request.OneTimePassword));
        ArgumentNullException.ThrowIfNull(request.Password, nameof(request.Password));
        cancellationToken.ThrowIfCancellationRequested();
        if (request.Password.Length is 0 or > MaxPasswordLength)
        {
            return InvitationErrors.PasswordRejected($"a password must be 1–{MaxPasswordLength} characters long.");
        }

        // An unknown or malformed address gets the very refusal a wrong code gets (rule 11): nothing tells them apart.
        if (!EmailAddress.TryParse(request.Email, out var email) || request.OneTimePassword.Length > SecretHasher.MaxSecretLength)
        {
            return InvitationErrors.OtpInvalid();
        }

        // The client first: one partition per client, and a refused client takes no permit of (and adds no partition for)
        // each address it sprays.
        if (request.PartitionKey is { } partition
            && await RateLimitAsync(RateLimitedOperation.ActivateByPartition, partition, 1, "activation", cancellationToken).ConfigureAwait(false) is { } limitedClient)
        {
            return limitedClient;
        }

        // From the invitation's page, the code is guessed against that invitation's own budget, which a stranger without
        // the link cannot spend (rule 11); any other secret is ignored, and the address's budget applies.
        var fromLink = request.Secret is { } secret ? await FindLinkedAsync(secret, email, cancellationToken).ConfigureAwait(false) : null;
        if (fromLink is null
            && await RateLimitAsync(RateLimitedOperation.ActivateByAddress, email.Key, 1, "activation", cancellationToken).ConfigureAwait(false) is { } limited)
        {
            return limited;
        }

        var attempt = _hasher.HashOtpAttempt(fromLink is null ? email.Key : OtpBudgetKeys.Link(fromLink.Value.Invitation.Id), request.OneTimePassword, _options.OtpFormat);
        var match = fromLink is { } linked
            ? await CheckLinkedOtpAsync(linked.Invitation, linked.PendingOfAddress, attempt, request.OneTimePassword, cancellationToken).ConfigureAwait(false)
            : await CheckOtpAsync(email, attempt, request.OneTimePassword, cancellationToken).ConfigureAwait(false);
        if (!match.TryGetValue(out var found))
        {
            return match.ConvertError<Member>();
        }

        return await ClaimEnableFinalizeAsync(found.Invitation, found.PendingOfAddress, email, attempt, request.Password, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Rule 11: reserves an attempt against the address's failure budget in the store <em>before</em> comparing, so racing
    /// guesses on any number of instances never exceed it (the store reads the address's invitations in the same step,
    /// and counts only while one of them has a code a guess could match). A wrong code keeps the attempt spent; the right
    /// one leaves it reserved for the caller to release. Every live new-user invitation for the address is compared, so
    /// no tenant's lock blocks another's code. A spent budget is answered as a wrong code is: a stranger cannot tell an
    /// invited address by the refusal (only the link's holders are told of a lockout, by <see cref="CheckLinkedOtpAsync"/>).
    /// The attempt is named by the keyed hash of the address and the code, so a retry after a lost reply is not charged
    /// again; the clock is read once, before the reservation, so nothing between the reservation and the comparison can fail.
    /// </summary>
    /// <returns>The matching invitation and every pending invitation of the address (read for the match), or the refusal.</returns>
    private async Task<InvitationResult<(Invitation Invitation, IReadOnlyList<Invitation> PendingOfAddress)>> CheckOtpAsync(EmailAddress email, OtpAttempt attempt, string candidate, CancellationToken cancellationToken)
    {
        var now = _clock.GetCurrentInstant();
        var (reservation, pending) = await _stores.Combined.TryReserveOtpAttemptAndFindPendingAsync(email.Key, attempt.Hash, OtpBudget(), now, cancellationToken).ConfigureAwait(false);
        if (!reservation.Reserved)
        {
            Log.OtpLockedOut(_logger);
            _telemetry.OtpLockedOut();
            return InvitationErrors.OtpInvalid();
        }

        var match = pending.FirstOrDefault(invitation => Matches(invitation, candidate, now));
        if (match is null)
        {
            Log.OtpFailed(_logger);
            _telemetry.OtpFailed();
            return InvitationErrors.OtpInvalid();
        }

        return (match, pending);
    }

    /// <summary>
    /// Rule 11 from the invitation's page: the attempt is reserved against the budget of the invitation whose link's
    /// secret came with it (<see cref="OtpBudgetKeys.Link"/>) before the comparison, as an address's is. Only the link's
    /// holders spend it, so they alone are told when it is spent (<see cref="InvitationErrorCode.OtpLockedOut"/>).
    /// </summary>
    private async Task<InvitationResult<(Invitation Invitation, IReadOnlyList<Invitation> PendingOfAddress)>> CheckLinkedOtpAsync(Invitation invitation, IReadOnlyList<Invitation> pending, OtpAttempt attempt, string candidate, CancellationToken cancellationToken)
    {
        var now = _clock.GetCurrentInstant();
        var reservation = await _stores.OtpBudget.TryReserveOtpAttemptAsync(attempt.BudgetKey, attempt.Hash, OtpBudget(), now, cancellationToken).ConfigureAwait(false);
        if (!reservation.Reserved)
        {
            Log.OtpLockedOut(_logger);
            _telemetry.OtpLockedOut();
            return InvitationErrors.OtpLockedOut(reservation.RetryAfter);
        }

        if (!Matches(invitation, candidate, now))
        {
            Log.OtpFailed(_logger);
            _telemetry.OtpFailed();
            return InvitationErrors.OtpInvalid();
        }

        return (invitation, pending);
    }

    /// <summary>
    /// The pending new-user invitation of the address whose link's secret is <paramref name="secret"/>, with every pending
    /// invitation of the address (read for the acceptance); null when the secret names none of them.
    /// </summary>
    private async Task<(Invitation Invitation, IReadOnlyList<Invitation> PendingOfAddress)?> FindLinkedAsync(string secret, EmailAddress email, CancellationToken cancellationToken)
    {
        var candidates = _hasher.LinkTokenCandidates(secret).ToArray();
        if (candidates.Length == 0)
        {
            return null;
        }

        var pending = await _stores.Invitations.FindPendingByEmailAsync(email.Key, null, cancellationToken).ConfigureAwait(false);
        var linked = pending.FirstOrDefault(i => i.Kind == InvitationKind.NewUser && candidates.Contains(i.SecretHash));
        return linked is null ? null : (linked, pending);
    }

    /// <summary>Whether <paramref name="candidate"/> is the live code of the invitation (rule 11), compared in constant time.</summary>
    private bool Matches(Invitation invitation, string candidate, Instant now) =>
        invitation is { Kind: InvitationKind.NewUser, OtpHash: not null }
        && InvitationStatusMachine.EffectiveStatus(invitation, now) == InvitationStatus.Pending
        && now < _secrets.OtpExpiry(invitation)
        && _hasher.VerifyOtp(invitation.Id, candidate, invitation.OtpHash!.Value, invitation.KeyId, _options.OtpFormat);

    private OtpFailureBudget OtpBudget() => new(_options.MaxOtpAttempts, _options.OtpFailureWindow, _options.MaxOtpFailuresPerAddress);

    /// <summary>
    /// Claim, then enable, then finalize. The claim (a compare-and-swap) keeps revokes, resends and role changes off the
    /// invitation while the directory enables the user; the directory enables only a user pending activation, atomically
    /// and idempotently per invitation; the acceptance then commits the membership. Whatever fails in between releases the
    /// claim, and a retry with the same code completes the activation.
    /// </summary>
    private async Task<InvitationResult<Member>> ClaimEnableFinalizeAsync(Invitation invitation, IReadOnlyList<Invitation> pendingOfAddress, EmailAddress email, OtpAttempt attempt, string password, CancellationToken cancellationToken)
    {
        // The code was right: its attempt is released, by the acceptance itself when there is one (no round trip of its
        // own), otherwise here, whatever the outcome.
        var handedToAcceptance = false;
        try
        {
            // Rule 19: the right code of a disabled account's invitation activates nothing and costs nothing (its attempt
            // is released below); only the code's holder learns that the account is disabled.
            if (await EnsureEnabledAsync(invitation.AccountId, cancellationToken).ConfigureAwait(false) is { } disabled)
            {
                return disabled;
            }

            var product = await InvitableProduct.FindAsync(_products, invitation.ProductId, cancellationToken).ConfigureAwait(false);
            if (!product.TryGetValue(out var found))
            {
                return product.ConvertError<Member>();
            }

            var claimed = await ClaimAsync(invitation, cancellationToken).ConfigureAwait(false);
            if (!claimed.TryGetValue(out var claim))
            {
                return claimed.ConvertError<Member>();
            }

            InvitationResult<Member>? outcome = null;
            string? bindTo = null;
            try
            {
                var user = await _users.CreatePendingUserAsync(email, cancellationToken).ConfigureAwait(false);
                var activation = await _users.ActivateAsync(user.Id, password, claim.Id, cancellationToken).ConfigureAwait(false);
                switch (activation.Status)
                {
                    case UserActivationStatus.Activated:
                        Log.Activated(_logger, claim.Id, user.Id);
                        var acceptedAt = _clock.GetCurrentInstant(); // read before the hand-over: a throwing clock still releases the attempt here
                        handedToAcceptance = true;
                        outcome = await TryAcceptAsync(claim, found, user.Id, acceptedAt, cancellationToken, pendingOfAddress, releaseOtpAttemptOf: attempt).ConfigureAwait(false)
                            ?? InvitationErrors.ConcurrencyConflict();
                        break;
                    case UserActivationStatus.PasswordRejected:
                        outcome = InvitationErrors.PasswordRejected(activation.Reason);
                        break;
                    case UserActivationStatus.NotPendingActivation:
                        // Never a password for a user who can already sign in (or was disabled): bind the invitation to them
                        // instead — to the address's user as the directory holds it now, since the host's registration may
                        // have released the pending user and registered its own in between; with none yet, a retry decides.
                        bindTo = Registered(await _users.FindByEmailAsync(email, cancellationToken).ConfigureAwait(false))?.Id;
                        outcome = bindTo is null ? InvitationErrors.ConcurrencyConflict() : InvitationErrors.UserAlreadyActivated();
                        break;
                    default:
                        throw new InvalidOperationException($"The user directory returned an unknown activation status {activation.Status}.");
                }
            }
            finally
            {
                if (outcome is not { Succeeded: true })
                {
                    await ReleaseClaimAsync(claim.Id, claim, claim.ActivationClaimedAt!.Value, bindTo).ConfigureAwait(false);
                }
            }

            if (bindTo is not null)
            {
                await BindNewUserInvitationsAsync(email.Key, bindTo, CancellationToken.None).ConfigureAwait(false);
            }

            return outcome;
        }
        finally
        {
            if (!handedToAcceptance)
            {
                await OtpAttemptRelease.ReleaseAsync(_stores.OtpBudget, attempt.BudgetKey, attempt.Hash, _logger).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// The claim: a compare-and-swap that holds revokes, resends and role changes off the invitation while the directory
    /// enables the user. Refused when the invitation changed (or is no longer the one whose code matched).
    /// </summary>
    private async Task<InvitationResult<Invitation>> ClaimAsync(Invitation invitation, CancellationToken cancellationToken)
    {
        var otpHash = invitation.OtpHash;
        var claimAt = _clock.GetCurrentInstant();
        try
        {
            return await UpdateAsync(
                invitation,
                (current, now) => EnsureChangeable(current, now) ?? (InvitationResult<Invitation>)ActivationClaim.Take(current, claimAt),
                cancellationToken,
                stillSame: current => current.Kind == InvitationKind.NewUser && current.OtpHash == otpHash).ConfigureAwait(false);
        }
        catch
        {
            // The claim may be stored though its reply was lost: take it back (only if it is ours), so a retry is not held off.
            await ReleaseClaimAsync(invitation.Id, null, claimAt, null).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Takes the activation's claim made at <paramref name="claimedAt"/> off the invitation, only if it is still that claim
    /// (best effort: an unreleased claim lapses by itself). <paramref name="claimed"/> is the stored claim, or null when its
    /// write's reply was lost: then the invitation is read again.
    /// </summary>
    private async Task ReleaseClaimAsync(Guid invitationId, Invitation? claimed, Instant claimedAt, string? bindTo)
    {
        try
        {
            claimed ??= await _stores.Invitations.FindByIdAsync(invitationId, CancellationToken.None).ConfigureAwait(false);
            await UpdateAsync(
                claimed,
                (current, _) => current.ActivationClaimedAt != claimedAt || current.Status != InvitationStatus.Pending
                    ? InvitationErrors.ConcurrencyConflict()
                    : (InvitationResult<Invitation>)(bindTo is null ? ActivationClaim.Release(current) : BindTo(current, bindTo)),
                CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            Log.ClaimNotReleased(_logger, exception, invitationId);
        }
    }
}
