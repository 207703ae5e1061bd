using InvitationKit.Diagnostics;
using InvitationKit.Ports;
using NodaTime;

namespace InvitationKit;

internal sealed partial class InvitationManager
{
    /// <summary>The longest password handed to the user directory; longer input is refused without reaching it.</summary>
    internal const int MaxPasswordLength = 1024;

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
        if (!_hasher.TryHashLinkToken(secret, out var hash))
        {
            return InvitationErrors.InvitationNotFound();
        }

        var invitation = await _store.FindBySecretHashAsync(hash, cancellationToken).ConfigureAwait(false);
        for (var attempt = 0; attempt < MaxConcurrencyRetries; attempt++)
        {
            if (invitation is null || invitation.SecretHash != hash)
            {
                return InvitationErrors.InvitationNotFound();
            }

            var now = _clock.GetCurrentInstant();
            if (InvitationStatusMachine.EnsurePending(invitation, now) is { } notPending)
            {
                return notPending;
            }

            if (string.IsNullOrWhiteSpace(identity.Email))
            {
                return InvitationErrors.EmailNotDisclosed(identity.Provider ?? "The identity provider");
            }

            if (!EmailAddress.TryParse(identity.Email, out var email) || email.Key != invitation.EmailKey)
            {
                return InvitationErrors.EmailMismatch();
            }

            var accepted = await TryAcceptAsync(invitation, identity.UserId, now, cancellationToken).ConfigureAwait(false);
            if (accepted is not null)
            {
                return accepted;
            }

            invitation = await _store.FindByIdAsync(invitation.Id, cancellationToken).ConfigureAwait(false);
        }

        return InvitationErrors.ConcurrencyConflict();
    }

    public async Task<InvitationResult<InvitationView>> RejectAsync(string secret, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(secret);
        cancellationToken.ThrowIfCancellationRequested();
        if (!_hasher.TryHashLinkToken(secret, out var hash))
        {
            return InvitationErrors.InvitationNotFound();
        }

        var invitation = await _store.FindBySecretHashAsync(hash, cancellationToken).ConfigureAwait(false);
        var rejected = await UpdateAsync(
            invitation,
            (current, now) => InvitationStatusMachine.EnsurePending(current, now) ?? (InvitationResult<Invitation>)InvitationStatusMachine.Transition(current, InvitationStatus.Rejected, now, current.UserId),
            cancellationToken,
            stillSame: current => current.SecretHash == hash).ConfigureAwait(false);
        return await CompleteTransitionAsync(rejected, InvitationEventKind.Rejected, actorId: null).ConfigureAwait(false);
    }

    public async Task<InvitationResult<Member>> ActivateAsync(ActivationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(request.OneTimePassword, nameof(request.OneTimePassword));
        ArgumentNullException.ThrowIfNull(request.Password, nameof(request.Password));
        cancellationToken.ThrowIfCancellationRequested();
        if (!EmailAddress.TryParse(request.Email, out var email))
        {
            return InvitationErrors.InvitationNotFound();
        }

        if (request.Password.Length is 0 or > MaxPasswordLength)
        {
            return InvitationErrors.PasswordRejected($"a password must be 1–{MaxPasswordLength} characters long.");
        }

        for (var attempt = 0; attempt < MaxConcurrencyRetries; attempt++)
        {
            var now = _clock.GetCurrentInstant();
            var candidates = (await _store.FindPendingByEmailAsync(email.Key, null, cancellationToken).ConfigureAwait(false))
                .Where(i => i.Kind == InvitationKind.NewUser && i.OtpHash is not null)
                .ToList();
            if (candidates.Count == 0)
            {
                return InvitationErrors.InvitationNotFound();
            }

            var live = candidates.Where(i => InvitationStatusMachine.EffectiveStatus(i, now) == InvitationStatus.Pending).ToList();
            if (live.Count == 0)
            {
                return InvitationErrors.InvitationExpired();
            }

            // Rule 11: a locked code stays locked until a resend, even for the right code.
            var unlocked = live.Where(i => i.FailedOtpAttempts < _options.MaxOtpAttempts).ToList();
            if (unlocked.Count == 0)
            {
                return InvitationErrors.OtpLockedOut();
            }

            var checkedOtp = await CheckOtpAsync(unlocked, request.OneTimePassword, cancellationToken).ConfigureAwait(false);
            if (!checkedOtp.TryGetValue(out var match))
            {
                return InvitationResult<Member>.Failure(checkedOtp.Errors);
            }

            // Rule 10: the user was created disabled at invite time; get-or-create heals a directory that lost it.
            var user = await _users.CreateDisabledUserAsync(email, cancellationToken).ConfigureAwait(false);
            var activation = await _users.ActivateAsync(user.Id, request.Password, cancellationToken).ConfigureAwait(false);
            if (!activation.Succeeded)
            {
                await RefundOtpAttemptAsync(match).ConfigureAwait(false);
                return InvitationErrors.PasswordRejected(activation.Reason);
            }

            // The right code costs no attempt: the reservation is returned in the accepted state.
            var refunded = match with { FailedOtpAttempts = match.FailedOtpAttempts - 1 };
            var accepted = await TryAcceptAsync(refunded, user.Id, now, cancellationToken).ConfigureAwait(false);
            if (accepted is not null)
            {
                return accepted;
            }
        }

        return InvitationErrors.ConcurrencyConflict();
    }

    /// <summary>
    /// Rule 11 under concurrency: each candidate's attempt is reserved with a compare-and-swap <em>before</em> the code is
    /// compared, so however many guesses race, at most <see cref="InvitationKitOptions.MaxOtpAttempts"/> are ever checked
    /// per code. Returns the matching invitation (with its reserved attempt) or the error.
    /// </summary>
    private async Task<InvitationResult<Invitation>> CheckOtpAsync(List<Invitation> candidates, string candidateOtp, CancellationToken cancellationToken)
    {
        Invitation? match = null;
        InvitationError? firstRefusal = null;
        var attemptsLeft = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var otpHash = candidate.OtpHash;
            var reserved = await UpdateAsync(
                candidate,
                (current, now) => InvitationStatusMachine.EnsurePending(current, now)
                    ?? (current.FailedOtpAttempts >= _options.MaxOtpAttempts
                        ? InvitationErrors.OtpLockedOut()
                        : (InvitationResult<Invitation>)(current with { FailedOtpAttempts = current.FailedOtpAttempts + 1, Revision = current.Revision + 1 })),
                cancellationToken,
                stillSame: current => current.OtpHash == otpHash).ConfigureAwait(false);
            if (!reserved.TryGetValue(out var attempt))
            {
                firstRefusal ??= reserved.Errors[0];
                continue;
            }

            if (match is null && _hasher.VerifyOtp(attempt.Id, candidateOtp, attempt.OtpHash!.Value, _options.OtpFormat))
            {
                match = attempt;
                continue;
            }

            Log.OtpFailed(_logger, attempt.Id, attempt.FailedOtpAttempts);
            if (attempt.FailedOtpAttempts >= _options.MaxOtpAttempts)
            {
                Log.OtpLockedOut(_logger, attempt.Id, attempt.FailedOtpAttempts);
            }

            attemptsLeft = Math.Min(attemptsLeft, _options.MaxOtpAttempts - attempt.FailedOtpAttempts);
        }

        if (match is not null)
        {
            return match;
        }

        if (attemptsLeft == int.MaxValue)
        {
            // No attempt could be reserved: say why (locked, expired, replaced by a resend, or changing too fast).
            return firstRefusal ?? InvitationErrors.OtpLockedOut();
        }

        return attemptsLeft <= 0 ? InvitationErrors.OtpLockedOut() : InvitationErrors.OtpInvalid(attemptsLeft);
    }

    private async Task RefundOtpAttemptAsync(Invitation reserved) =>
        await UpdateAsync(
            reserved,
            (current, _) => current with { FailedOtpAttempts = Math.Max(0, current.FailedOtpAttempts - 1), Revision = current.Revision + 1 },
            CancellationToken.None,
            stillSame: current => current.OtpHash == reserved.OtpHash).ConfigureAwait(false);

    /// <summary>
    /// Stores the acceptance and the membership in one atomic step. Returns null when the invitation changed
    /// concurrently (the caller re-reads and re-checks), otherwise the outcome.
    /// </summary>
    private async Task<InvitationResult<Member>?> TryAcceptAsync(Invitation invitation, string userId, Instant now, CancellationToken cancellationToken)
    {
        var product = await _products.FindAsync(invitation.ProductId, cancellationToken).ConfigureAwait(false);
        if (product is null)
        {
            return InvitationErrors.ProductNotFound(invitation.ProductId);
        }

        if (product.Mode == MultiAccountMode.SingleAccount)
        {
            return InvitationErrors.ProductIsSingleAccount(product.Name);
        }

        var latestOnly = product.Mode == MultiAccountMode.LatestAccountOnly;
        var member = new Member(invitation.AccountId, userId, invitation.Roles, invitation.GrantsOwner, now, invitation.Id);
        var accepted = InvitationStatusMachine.Transition(invitation, InvitationStatus.Accepted, now, userId);
        var result = await _store.AcceptAsync(new Acceptance(accepted, invitation.Revision, member, latestOnly), cancellationToken).ConfigureAwait(false);
        switch (result.Status)
        {
            case AcceptanceStatus.Conflict:
                Log.ConcurrentChange(_logger, invitation.Id);
                return null;
            case AcceptanceStatus.AlreadyMember:
                return InvitationErrors.AlreadyMember(invitation.Email);
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

        return member;
    }

    /// <summary>Logs and publishes a stored status change, and turns the invitation into its view.</summary>
    private async Task<InvitationResult<InvitationView>> CompleteTransitionAsync(InvitationResult<Invitation> result, InvitationEventKind kind, string? actorId)
    {
        if (!result.TryGetValue(out var invitation))
        {
            return InvitationResult<InvitationView>.Failure(result.Errors);
        }

        var at = invitation.ResolvedAt ?? _clock.GetCurrentInstant();
        Log.StatusChanged(_logger, invitation.Id, invitation.Status, invitation.AccountId);
        await PublishAsync(kind, invitation.AccountId, invitation.Id, invitation.UserId, actorId, at).ConfigureAwait(false);
        return InvitationView.From(invitation, at);
    }
}
