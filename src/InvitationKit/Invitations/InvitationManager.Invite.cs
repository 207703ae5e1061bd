using InvitationKit.Diagnostics;
using InvitationKit.Limits;
using InvitationKit.Permissions;
using InvitationKit.Ports;
using InvitationKit.Secrets;
using NodaTime;

namespace InvitationKit;

internal sealed partial class InvitationManager
{
    public async Task<InvitationResult<InviteOutcome>> InviteAsync(Actor actor, InviteRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(request.Recipients);
        cancellationToken.ThrowIfCancellationRequested();
        if ((CheckId("actor user id", actor.UserId) ?? CheckId("account id", request.AccountId) ?? CheckId("product id", request.ProductId)) is { } invalid)
        {
            return invalid;
        }

        // Rule 1: batch size, checked before anything else so a hostile 10 000-recipient request costs nothing.
        var count = request.Recipients.Count;
        if (count == 0)
        {
            return InvitationErrors.BatchEmpty();
        }

        if (count > _options.MaxBatchSize)
        {
            return InvitationErrors.BatchTooLarge(count, _options.MaxBatchSize);
        }

        if (!Enum.IsDefined(request.Mode))
        {
            return InvitationErrors.InvalidInput("invite mode", request.Mode.ToString());
        }

        // Throttles, before any lookup: every recipient costs a permit, so probing registration state is not free.
        if ((await RateLimitAsync(RateLimitedOperation.InviteByActor, actor.UserId, count, "invitation", cancellationToken).ConfigureAwait(false)
            ?? await RateLimitAsync(RateLimitedOperation.InviteByAccount, request.AccountId, count, "invitation", cancellationToken).ConfigureAwait(false)) is { } limited)
        {
            return limited;
        }

        var managed = await FindManagedAccountAsync(actor, request.AccountId, cancellationToken).ConfigureAwait(false);
        if (!managed.TryGetValue(out var found))
        {
            return InvitationResult<InviteOutcome>.Failure(managed.Errors);
        }

        var (account, access) = found;

        var product = await _products.FindAsync(request.ProductId, cancellationToken).ConfigureAwait(false);
        if (product is null)
        {
            return InvitationErrors.ProductNotFound(request.ProductId);
        }

        if (product.Mode == MultiAccountMode.SingleAccount)
        {
            return InvitationErrors.ProductIsSingleAccount(product.Name);
        }

        // Rules 1, 3–6, 8: check every recipient and collect every problem.
        var now = _clock.GetCurrentInstant();
        var errors = new List<InvitationError>();
        var planned = await PlanRecipientsAsync(actor, request, account, access, now, errors, cancellationToken).ConfigureAwait(false);

        // Rule 2: seats. The store re-checks atomically on insert; this read lets the error join the others.
        var limit = account.UserLimit ?? _options.DefaultUserLimit;
        var occupied = await _store.CountOccupiedSeatsAsync(account.Id, now, cancellationToken).ConfigureAwait(false);
        if (occupied + count > limit)
        {
            errors.Add(InvitationErrors.UserLimitExceeded(new SeatLimitDetails(limit, occupied, count)));
        }

        if (errors.Count > 0)
        {
            Log.InviteRefused(_logger, account.Id, errors.Count, errors[0].Code);
            return InvitationResult<InviteOutcome>.Failure(errors);
        }

        var issued = planned.Select(p => Issue(p, account.Id, request.ProductId, actor.UserId, now)).ToList();
        cancellationToken.ThrowIfCancellationRequested();
        var batch = new InvitationBatch(account.Id, limit, now, issued.Select(i => i.Invitation).ToArray());
        var inserted = await _store.InsertBatchAsync(batch, cancellationToken).ConfigureAwait(false);
        if (inserted.Status != BatchInsertStatus.Inserted)
        {
            // Lost a race between the checks above and the atomic insert.
            IReadOnlyList<InvitationError> raced = inserted.Status == BatchInsertStatus.SeatsExhausted
                ? [InvitationErrors.UserLimitExceeded(new SeatLimitDetails(limit, inserted.OccupiedSeats, count))]
                : issued.Where(i => inserted.PendingEmailKeys.Contains(i.Invitation.EmailKey)).Select(i => InvitationErrors.AlreadyInvited(i.Invitation.Email)).ToArray();
            Log.InviteRefused(_logger, account.Id, raced.Count, raced[0].Code);
            return InvitationResult<InviteOutcome>.Failure(raced);
        }

        await CreatePendingUsersAsync(planned, batch, cancellationToken).ConfigureAwait(false);
        Log.InvitationsCreated(_logger, count, account.Id, actor.UserId);
        var views = new List<InvitationView>(count);
        foreach (var (invitation, email, secret, otp) in issued)
        {
            await PublishAsync(InvitationEventKind.Created, account.Id, invitation.Id, invitation.UserId, actor.UserId, now).ConfigureAwait(false);
            var delivered = await DeliverAsync(invitation, email, secret, otp, account, product, isResend: false, cancellationToken).ConfigureAwait(false);
            views.Add(InvitationView.From(delivered, now));
        }

        return new InviteOutcome(views);
    }

    private async Task<List<PlannedRecipient>> PlanRecipientsAsync(
        Actor actor, InviteRequest request, AccountInfo account, AccountAccess access, Instant now, List<InvitationError> errors, CancellationToken cancellationToken)
    {
        var onlyRegistered = account.OnlyRegisteredUsers ?? _options.OnlyRegisteredUsers;
        var mode = _options.HideRegistrationState ? InviteMode.Auto : request.Mode;
        var planned = new List<PlannedRecipient>(request.Recipients.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var recipient in request.Recipients)
        {
            ArgumentNullException.ThrowIfNull(recipient, nameof(request.Recipients));
            if (!EmailAddress.TryParse(recipient.Email, out var email, out var parseError))
            {
                errors.Add(InvitationErrors.InvalidEmail(recipient.Email, parseError));
                continue;
            }

            if (!seen.Add(email.Key))
            {
                errors.Add(InvitationErrors.DuplicateRecipient(email.Value));
                continue;
            }

            if (recipient.Roles is null)
            {
                errors.Add(InvitationErrors.InvalidRole("(null)", email.Value));
                continue;
            }

            var roles = NormalizeRoles(recipient.Roles, email.Value);
            if (roles.TryGetValue(out var validRoles))
            {
                CheckRoleGrants(actor, account.Id, access, validRoles, email.Value, errors);
            }
            else
            {
                errors.AddRange(roles.Errors);
            }

            if (recipient.GrantsOwner && !access.CanGrantOwner)
            {
                errors.Add(InvitationErrors.OwnerGrantNotAllowed(email.Value));
            }

            // A user pending activation was created by an earlier invitation and is still new (rule 10); an enabled or a
            // disabled user is registered: the invitation binds to them and carries no code, so a banned user gains nothing.
            var user = await _users.FindByEmailAsync(email, cancellationToken).ConfigureAwait(false);
            var registered = Registered(user);
            var modeError = (mode, registered is not null) switch
            {
                (InviteMode.ExistingUser, false) => InvitationErrors.UserNotRegistered(email.Value),
                (InviteMode.NewUser, true) => InvitationErrors.UserAlreadyExists(email.Value),
                (_, false) when onlyRegistered => InvitationErrors.OnlyRegisteredUsersAllowed(email.Value),
                _ => null,
            };
            if (modeError is not null)
            {
                errors.Add(modeError);
            }
            else if (user is not null && await _store.FindMemberAsync(account.Id, user.Id, cancellationToken).ConfigureAwait(false) is not null)
            {
                errors.Add(InvitationErrors.AlreadyMember(email.Value));
            }

            var pending = await _store.FindPendingByEmailAsync(email.Key, account.Id, cancellationToken).ConfigureAwait(false);
            if (pending.Any(i => InvitationStatusMachine.EffectiveStatus(i, now) == InvitationStatus.Pending))
            {
                errors.Add(InvitationErrors.AlreadyInvited(email.Value));
            }

            planned.Add(new PlannedRecipient(email, roles.ValueOrDefault ?? [], recipient.GrantsOwner, registered));
        }

        return planned;
    }

    private IssuedInvitation Issue(PlannedRecipient planned, string accountId, string productId, string invitedBy, Instant now)
    {
        var id = SecretGenerator.NewId();
        var kind = planned.RegisteredUser is null ? InvitationKind.NewUser : InvitationKind.ExistingUser;
        var secret = SecretGenerator.LinkToken();
        var otp = kind == InvitationKind.NewUser ? SecretGenerator.Generate(_options.OtpFormat, _options.OtpLength) : null;
        var invitation = new Invitation
        {
            Id = id,
            AccountId = accountId,
            ProductId = productId,
            Email = planned.Email.Value,
            EmailKey = planned.Email.Key,
            Kind = kind,
            UserId = planned.RegisteredUser?.Id,
            Roles = planned.Roles,
            GrantsOwner = planned.GrantsOwner,
            InvitedBy = invitedBy,
            CreatedAt = now,
            ExpiresAt = now + _options.InvitationLifetime,
            Status = InvitationStatus.Pending,
            SecretHash = _hasher.HashLinkToken(secret),
            OtpHash = otp is null ? null : _hasher.HashOtp(id, otp),
            KeyId = _hasher.CurrentKeyId,
            IssuedAt = now,
            Delivery = DeliveryState.NotSent,
            Revision = 1,
        };
        return new IssuedInvitation(invitation, planned.Email, secret, otp);
    }

    // Rule 10: new users are created pending activation only once the batch is stored; if that fails the batch is withdrawn.
    private async Task CreatePendingUsersAsync(List<PlannedRecipient> planned, InvitationBatch batch, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var recipient in planned.Where(p => p.RegisteredUser is null))
            {
                await _users.CreatePendingUserAsync(recipient.Email, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception exception)
        {
            Log.BatchWithdrawn(_logger, exception, batch.AccountId);
            await _store.DeleteNewAsync(batch.Invitations.Select(i => i.Id).ToArray(), CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Hands the mail to the mailer and records the delivery state (rule 16); a failing mailer never throws here.</summary>
    private async Task<Invitation> DeliverAsync(
        Invitation invitation, EmailAddress recipient, string secret, string? otp, AccountInfo account, ProductInfo product, bool isResend, CancellationToken cancellationToken)
    {
        var message = new InvitationMessage
        {
            InvitationId = invitation.Id,
            Recipient = recipient,
            Account = account,
            Product = product,
            InvitedBy = invitation.InvitedBy,
            Roles = invitation.Roles,
            GrantsOwner = invitation.GrantsOwner,
            Kind = invitation.Kind,
            Secret = secret,
            OneTimePassword = otp,
            OtpExpiresAt = otp is null ? null : OtpExpiry(invitation),
            ExpiresAt = invitation.ExpiresAt,
            IsResend = isResend,
        };

        DeliveryState state;
        try
        {
            await _mailer.SendAsync(message, cancellationToken).ConfigureAwait(false);
            state = DeliveryState.Sent;
        }
        catch (Exception exception)
        {
            Log.MailFailed(_logger, exception, invitation.Id);
            state = DeliveryState.Failed;
        }

        // Recorded even if the caller cancelled: the invitation exists, and its delivery state must say what happened.
        var recorded = await UpdateAsync(
            invitation,
            (current, _) => current with { Delivery = state, Revision = current.Revision + 1 },
            CancellationToken.None,
            stillSame: current => current.SecretHash == invitation.SecretHash).ConfigureAwait(false);
        return recorded.ValueOrDefault ?? invitation with { Delivery = state };
    }

    /// <summary>When the invitation's one-time password stops working: its lifetime after issue, never after the invitation.</summary>
    private Instant OtpExpiry(Invitation invitation) =>
        Instant.Min(invitation.IssuedAt + _options.OtpLifetime, invitation.ExpiresAt);

    private sealed record PlannedRecipient(EmailAddress Email, IReadOnlyList<string> Roles, bool GrantsOwner, DirectoryUser? RegisteredUser);

    private sealed record IssuedInvitation(Invitation Invitation, EmailAddress Email, string Secret, string? Otp);
}
