using InvitationKit.Delivery;
using InvitationKit.Diagnostics;
using InvitationKit.Internal;
using InvitationKit.Permissions;
using InvitationKit.Ports;
using InvitationKit.Secrets;
using NodaTime;

namespace InvitationKit;

internal sealed partial class InvitationManager
{
    public async Task<InvitationResult<InviteOutcome>> InviteAsync(Actor actor, InviteRequest request, CancellationToken cancellationToken = default)
    {
        // Rules 1, 3–8: the same check as the dry run (CheckInviteAsync), up to the write.
        var checkedInvite = await CheckBatchAsync(actor, request, cancellationToken).ConfigureAwait(false);
        if (!checkedInvite.TryGetValue(out var plan))
        {
            return checkedInvite.ConvertError<InviteOutcome>();
        }

        var (account, product, limit, now, fingerprint, planned, errors) = plan;
        if (plan.Prior is { } prior)
        {
            return await ReplayAsync(account.Id, prior, fingerprint!, request.WhenPending, cancellationToken).ConfigureAwait(false);
        }

        // Rule 2: seats, pending addresses and memberships are checked by the store, atomically, in the insert itself.
        // Only a batch already refused for other reasons reads them here, so that every problem is reported together.
        if (errors.Count > 0)
        {
            await AddStoredProblemsAsync(account.Id, limit, planned, now, errors, cancellationToken).ConfigureAwait(false);
            Log.InviteRefused(_logger, account.Id, errors.Count, errors[0].Code);
            return InvitationResult<InviteOutcome>.Failure(errors);
        }

        // Rule 5: a reissue spends its invitation's resend throttle, as a resend does, once nothing else refuses the invite.
        if (await ChargeResendThrottleAsync(plan.Reissues, cancellationToken).ConfigureAwait(false) is { } throttled)
        {
            return throttled;
        }

        var issued = planned.Select(p => Issue(p, plan.Options, account, product, actor.UserId, now)).ToList();
        var reissued = plan.Reissues.Select(r => Reissue(r, request.WhenPending, plan.Options, account, product, now)).ToList();
        using var clearSecrets = new DisposeAll(issued.Concat(reissued).Select(mail => mail.Secrets)); // mailed or not, the kit's copies are zeroed on the way out
        cancellationToken.ThrowIfCancellationRequested();
        var mails = InRequestOrder(issued, reissued, plan.Reissues, request.WhenPending);
        var batch = new InvitationBatch(account.Id, limit, now, issued.Select(i => i.Invitation).ToArray())
        {
            Reissued = [.. reissued.Select(mail => mail.Invitation)],
            InvitationIds = [.. mails.Select(m => m.Mail.Invitation.Id)],
            IdempotencyKey = request.IdempotencyKey,
            RequestFingerprint = fingerprint,
        };
        var inserted = await _stores.Invitations.InsertBatchAsync(batch, cancellationToken).ConfigureAwait(false);
        if (inserted.Status == BatchInsertStatus.Conflict)
        {
            // A resend, revoke or acceptance of a reissued invitation committed first: nothing of this batch was stored.
            // That may have been a racing copy of this very request, whose outcome is then the answer.
            if (request.IdempotencyKey is { } key && await _stores.Invitations.FindIdempotentInviteAsync(account.Id, key, cancellationToken).ConfigureAwait(false) is { } copy)
            {
                return await ReplayAsync(account.Id, copy, fingerprint!, request.WhenPending, cancellationToken).ConfigureAwait(false);
            }

            Log.InviteRefused(_logger, account.Id, 1, InvitationErrorCode.ConcurrencyConflict);
            return InvitationErrors.ConcurrencyConflict();
        }

        if (inserted.Status == BatchInsertStatus.IdempotencyKeyUsed)
        {
            // The same key raced in from another caller and committed first: its outcome is the answer.
            return await _stores.Invitations.FindIdempotentInviteAsync(account.Id, request.IdempotencyKey!, cancellationToken).ConfigureAwait(false) is { } raced
                ? await ReplayAsync(account.Id, raced, fingerprint!, request.WhenPending, cancellationToken).ConfigureAwait(false)
                : InvitationErrors.ConcurrencyConflict();
        }

        if (inserted.Status != BatchInsertStatus.Inserted)
        {
            return InvitationResult<InviteOutcome>.Failure(StoreRefusal(inserted, issued, account.Id, limit));
        }

        await CreatePendingUsersAsync(planned, batch, cancellationToken).ConfigureAwait(false);
        Log.InvitationsCreated(_logger, issued.Count, account.Id, actor.UserId);
        foreach (var mail in issued)
        {
            await PublishAsync(InvitationEventKind.Created, account.Id, mail.Invitation.Id, mail.Invitation.UserId, actor.UserId, now).ConfigureAwait(false);
        }

        await PublishReissuedAsync(plan.Reissues, reissued, request.WhenPending, account.Id, actor.UserId, now).ConfigureAwait(false);

        // The batch is stored with its outbox (each row's lease): the first attempt is made now, and whatever it cannot
        // finish — a failing mailer, a lost record, this process dying — the dispatcher finishes.
        var delivered = await _sender.SendAsync([.. mails.Select(m => m.Disposition == InviteDisposition.Created ? m.Mail : m.Mail with { Invitation = m.Mail.Invitation with { Revision = m.Mail.Invitation.Revision + 1 } })], cancellationToken).ConfigureAwait(false);
        return new InviteOutcome([.. delivered.Select(i => View(i, now))]) { Dispositions = [.. mails.Select(m => m.Disposition)] };
    }

    /// <summary>The store checked seats, pending addresses and memberships in its one atomic step and reports every finding (rule 2).</summary>
    private List<InvitationError> StoreRefusal(BatchInsertResult inserted, IEnumerable<OutgoingMail> issued, string accountId, int limit)
    {
        var refused = new List<InvitationError>();
        _ = AddSeatProblems(
            refused,
            issued.Select(mail => new RecipientStanding(
                mail.Invitation.Email,
                Member: mail.Invitation.UserId is { } userId && inserted.MemberUserIds.Contains(userId),
                Pending: inserted.PendingEmailKeys.Contains(mail.Invitation.EmailKey))),
            inserted.OccupiedSeats,
            limit);
        Log.InviteRefused(_logger, accountId, refused.Count, refused[0].Code);
        return refused;
    }

    /// <summary>The first outcome of an idempotent invite: its invitations as they are now; another request under the key is refused.</summary>
    private async Task<InvitationResult<InviteOutcome>> ReplayAsync(
        string accountId, IdempotentInvite prior, string fingerprint, PendingInvitationChoice choice, CancellationToken cancellationToken)
    {
        if (!string.Equals(prior.RequestFingerprint, fingerprint, StringComparison.Ordinal))
        {
            return InvitationErrors.IdempotencyKeyReused();
        }

        var now = _clock.GetCurrentInstant();
        var views = new List<InvitationView>(prior.InvitationIds.Count);
        var dispositions = new List<InviteDisposition>(prior.InvitationIds.Count);
        var reissuedAs = choice == PendingInvitationChoice.Replace ? InviteDisposition.Replaced : InviteDisposition.Resent;
        foreach (var id in prior.InvitationIds)
        {
            if (await _stores.Invitations.FindByIdAsync(id, cancellationToken).ConfigureAwait(false) is { } invitation)
            {
                views.Add(View(invitation, now));
                dispositions.Add(prior.ReissuedIds.Contains(id) ? reissuedAs : InviteDisposition.Created);
            }
        }

        Log.InviteReplayed(_logger, accountId, views.Count);
        return new InviteOutcome(views) { Dispositions = dispositions };
    }

    private async Task<List<PlannedRecipient>> PlanRecipientsAsync(
        Actor actor, InviteRequest request, AccountInfo account, AccountAccess access, IReadOnlyList<EmailDomain> emailDomains, List<InvitationError> errors, CancellationToken cancellationToken)
    {
        var onlyRegistered = account.OnlyRegisteredUsers ?? _options.OnlyRegisteredUsers;
        var mode = _options.HideRegistrationState ? InviteMode.Auto : request.Mode;
        var planned = new List<PlannedRecipient>(request.Recipients.Count);
        var offered = await OfferedRoles.ReadAsync(_roleCatalog, account.Id, request.ProductId, cancellationToken).ConfigureAwait(false);
        var allowedDomains = AllowedEmailDomains(emailDomains);
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

            // Rule 20: an account with email domains invites only their addresses — a refusal that reads nothing but the address.
            if (allowedDomains is not null && !allowedDomains.Contains(email.Domain, StringComparer.Ordinal))
            {
                errors.Add(InvitationErrors.EmailDomainNotAllowed(email.Value, allowedDomains));
                continue;
            }

            var roles = RoleNames.Normalize(recipient.Roles, email.Value);
            if (roles.TryGetValue(out var validRoles))
            {
                CheckRoles(actor, account.Id, access, offered, validRoles, email.Value, errors);
            }
            else
            {
                errors.AddRange(roles.Errors);
            }

            if (recipient.GrantsOwner && !access.CanGrantOwner)
            {
                errors.Add(InvitationErrors.OwnerGrantNotAllowed(email.Value));
            }

            planned.Add(new PlannedRecipient(email, roles.ValueOrDefault ?? [], recipient.GrantsOwner, null));
        }

        // One directory read for the whole batch. A user pending activation was created by an earlier invitation and is
        // still new (rule 10); an enabled or a disabled user is registered: the invitation binds to them and carries no
        // code, so a banned user gains nothing. Rule 3 with HideRegistrationState: an account limited to registered users
        // refuses no address — refusing would say which are registered — and invites an address with no registered user
        // for whoever registers with it: no user created, no code, accepted only by signing in once registered.
        var found = await FindUsersAsync([.. planned.Select(p => p.Email)], cancellationToken).ConfigureAwait(false);
        var forWhoeverRegisters = onlyRegistered && _options.HideRegistrationState;
        for (var i = 0; i < planned.Count; i++)
        {
            var recipient = planned[i] = planned[i] with { DirectoryUser = found.GetValueOrDefault(planned[i].Email.Key), ForWhoeverRegisters = forWhoeverRegisters };
            var email = recipient.Email;
            var modeError = (mode, recipient.RegisteredUser is not null) switch
            {
                (InviteMode.ExistingUser, false) => InvitationErrors.UserNotRegistered(email.Value),
                (InviteMode.NewUser, true) => InvitationErrors.UserAlreadyExists(email.Value),
                (_, false) when onlyRegistered && !forWhoeverRegisters => InvitationErrors.OnlyRegisteredUsersAllowed(email.Value),
                _ => null,
            };
            if (modeError is not null)
            {
                errors.Add(modeError);
            }
        }

        return planned;
    }

    private OutgoingMail Issue(PlannedRecipient planned, InvitationOptionsCheck.CheckedOptions options, AccountInfo account, ProductInfo product, string invitedBy, Instant now)
    {
        var id = SecretGenerator.NewId();
        var kind = planned.Kind;
        var secrets = _secrets.Issue(id, kind);
        var invitation = new Invitation
        {
            Id = id,
            AccountId = account.Id,
            ProductId = product.Id,
            Email = planned.Email.Value,
            EmailKey = planned.Email.Key,
            Kind = kind,
            UserId = planned.RegisteredUser?.Id,
            Roles = planned.Roles,
            GrantsOwner = planned.GrantsOwner,
            InvitedBy = invitedBy,
            CreatedAt = now,
            ExpiresAt = ExpiryFrom(now, options.Lifetime),
            Lifetime = options.Lifetime,
            Metadata = options.Metadata,
            ReturnUrl = options.ReturnUrl,
            Language = options.Language,
            Status = InvitationStatus.Pending,
            SecretHash = secrets.SecretHash,
            OtpHash = secrets.OtpHash,
            KeyId = secrets.KeyId,
            IssuedAt = now,
            Delivery = DeliveryState.NotSent,
            DeliveryAttempts = 1,
            NextDeliveryAt = _sender.LeaseEnd(now), // the first attempt's lease: the outbox entry, stored with the batch
            Revision = 1,
        };
        return new OutgoingMail(invitation, secrets, account, product, IsResend: false);
    }

    /// <summary>A recipient who passed the checks, with the directory's user of the address in any state (null: none).</summary>
    private sealed record PlannedRecipient(EmailAddress Email, IReadOnlyList<string> Roles, bool GrantsOwner, DirectoryUser? DirectoryUser)
    {
        /// <summary>The user the invitation binds to; null for a new user (rules 4, 10).</summary>
        public DirectoryUser? RegisteredUser => Registered(DirectoryUser);

        /// <summary>Whether an address with no registered user is invited for whoever registers with it (rule 3 with HideRegistrationState).</summary>
        public bool ForWhoeverRegisters { get; init; }

        /// <summary>New user (a user pending activation is created and a code mailed), or existing user (bound to the registered user, or to nobody yet).</summary>
        public InvitationKind Kind => RegisteredUser is null && !ForWhoeverRegisters ? InvitationKind.NewUser : InvitationKind.ExistingUser;
    }
}
