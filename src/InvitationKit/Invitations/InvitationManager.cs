using InvitationKit.Delivery;
using InvitationKit.Diagnostics;
using InvitationKit.Internal;
using InvitationKit.Limits;
using InvitationKit.Permissions;
using InvitationKit.Ports;
using InvitationKit.Secrets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NodaTime;

namespace InvitationKit;

/// <summary>
/// The rules of the contract over the ports. One partial file per operation group: Invite, InviteCheck (the dry run and
/// the check it shares with the invite), Accept (accept, reject, activate), Manage (resend, revoke, edit roles, expire),
/// Roles (the role catalog and grantable roles), Queries, Members, Domains (the email domain policy) and Join (joining
/// through a verified domain).
/// </summary>
internal sealed partial class InvitationManager : IInvitationManager
{
    /// <summary>How often a compare-and-swap that lost a race is retried on fresh state before giving up.</summary>
    internal const int MaxConcurrencyRetries = 16;

    private readonly InvitationStoreSet _stores;
    private readonly IUserDirectory _users;
    private readonly IAccountDirectory _accounts;
    private readonly InvitationSender _sender;
    private readonly SecretIssuer _secrets;
    private readonly ActivationClaim _claims;
    private readonly IProductCatalog _products;
    private readonly IActiveAccountObserver _activeAccounts;
    private readonly IInvitationEventSink _events;
    private readonly IRoleGrantPolicy _roleGrants;
    private readonly IRoleCatalog _roleCatalog;
    private readonly IEmailDomainStore _emailDomains;
    private readonly IInvitationRateLimiter _rateLimiter;
    private readonly IClock _clock;
    private readonly InvitationKitOptions _options;
    private readonly SecretHasher _hasher;
    private readonly ILogger _logger;
    private readonly InvitationKitTelemetry _telemetry;
    private readonly IInvitationNoticeMailer? _noticeMailer;

    public InvitationManager(
        InvitationStoreSet stores,
        IUserDirectory users,
        IAccountDirectory accounts,
        InvitationSender sender,
        SecretIssuer secrets,
        IProductCatalog products,
        IActiveAccountObserver activeAccounts,
        IInvitationEventSink events,
        IRoleGrantPolicy roleGrants,
        IRoleCatalog roleCatalog,
        IInvitationRateLimiter rateLimiter,
        IClock clock,
        IOptions<InvitationKitOptions> options,
        SecretHasher hasher,
        IEmailDomainStore? emailDomains = null,
        ILogger<InvitationManager>? logger = null,
        InvitationKitTelemetry? telemetry = null,
        IInvitationNoticeMailer? noticeMailer = null)
    {
        _stores = Preconditions.NotNull(stores);
        _users = Preconditions.NotNull(users);
        _accounts = Preconditions.NotNull(accounts);
        _sender = Preconditions.NotNull(sender);
        _secrets = Preconditions.NotNull(secrets);
        _products = Preconditions.NotNull(products);
        _activeAccounts = Preconditions.NotNull(activeAccounts);
        _events = Preconditions.NotNull(events);
        _roleGrants = Preconditions.NotNull(roleGrants);
        _roleCatalog = Preconditions.NotNull(roleCatalog);
        _emailDomains = emailDomains ?? NoEmailDomainStore.Instance;
        _rateLimiter = Preconditions.NotNull(rateLimiter);
        _clock = Preconditions.NotNull(clock);
        _options = Preconditions.NotNull(options).Value; // throws OptionsValidationException listing every problem
        _claims = new ActivationClaim(_options.ActivationClaimTimeout);
        _hasher = Preconditions.NotNull(hasher);
        _logger = logger ?? NullLogger<InvitationManager>.Instance; // DI's Logger<T> is made once, where CreateLogger<T> made one per scope
        _telemetry = telemetry ?? InvitationKitTelemetry.Unobserved;
        _noticeMailer = noticeMailer;
    }

    private static InvitationError? CheckId(string name, string? value) =>
        Identifier.IsValid(value) ? null : InvitationErrors.InvalidInput(name, value);

    /// <summary>Rule 1's sizes, for invites and imports alike: at least one, at most <paramref name="max"/>.</summary>
    private static InvitationError? CheckBatchSize(int count, int max) =>
        count == 0 ? InvitationErrors.BatchEmpty() : count > max ? InvitationErrors.BatchTooLarge(count, max) : null;

    /// <summary>The error of a refused rate limit, or null when the permits were granted.</summary>
    private async Task<InvitationError?> RateLimitAsync(RateLimitedOperation operation, string partitionKey, int permits, string what, CancellationToken cancellationToken)
    {
        var decision = await _rateLimiter.AcquireAsync(operation, partitionKey, permits, cancellationToken).ConfigureAwait(false);
        if (decision.Acquired)
        {
            return null;
        }

        Log.RateLimited(_logger, operation);
        _telemetry.RateLimited(operation);
        return InvitationErrors.RateLimited(what, decision.RetryAfter);
    }

    /// <summary>Finds the invitation a presented link secret belongs to, trying every key of the ring (current first).</summary>
    private async Task<Invitation?> FindBySecretAsync(string secret, CancellationToken cancellationToken)
    {
        foreach (var hash in _hasher.LinkTokenCandidates(secret))
        {
            var invitation = await _stores.Invitations.FindBySecretHashAsync(hash, cancellationToken).ConfigureAwait(false);
            if (invitation is not null && invitation.SecretHash == hash)
            {
                return invitation;
            }
        }

        return null;
    }

    /// <summary>
    /// The user when they count as registered — enabled, or disabled by the host — so an invitation binds to them and
    /// carries no code; null for no user or one still pending activation, who is new (rules 4, 10).
    /// </summary>
    private static DirectoryUser? Registered(DirectoryUser? user) => user is { State: not UserState.PendingActivation } ? user : null;

    /// <summary>
    /// An invitation as it is shown: with <see cref="InvitationKitOptions.HideRegistrationState"/> its kind is
    /// <see cref="InvitationKind.Undisclosed"/>, so no view tells a registered address from a new one (rule 4).
    /// </summary>
    private InvitationView View(Invitation invitation, Instant now) => InvitationView.From(invitation, now, _options.HideRegistrationState);

    /// <summary>The error that stops a change of the invitation: not effectively pending, or held by an activation.</summary>
    private InvitationError? EnsureChangeable(Invitation invitation, Instant now) =>
        InvitationStatusMachine.EnsurePending(invitation, now) ?? (_claims.IsHeld(invitation, now) ? InvitationErrors.ActivationInProgress() : null);

    /// <summary>
    /// Applies <paramref name="decide"/> to the invitation and stores the result with a compare-and-swap (the store
    /// advances the revision); when another caller changed it first, re-reads and decides again on the fresh state.
    /// </summary>
    private async Task<InvitationResult<Invitation>> UpdateAsync(
        Invitation? current,
        Func<Invitation, Instant, InvitationResult<Invitation>> decide,
        CancellationToken cancellationToken,
        Func<Invitation, bool>? stillSame = null)
    {
        for (var attempt = 0; attempt < MaxConcurrencyRetries; attempt++)
        {
            if (current is null || (stillSame is not null && !stillSame(current)))
            {
                return InvitationErrors.InvitationNotFound();
            }

            var decision = decide(current, _clock.GetCurrentInstant());
            if (!decision.TryGetValue(out var replacement))
            {
                return decision;
            }

            if (await _stores.Invitations.TryUpdateAsync(replacement, cancellationToken).ConfigureAwait(false) is { } stored)
            {
                return stored;
            }

            Log.ConcurrentChange(_logger, current.Id);
            current = await _stores.Invitations.FindByIdAsync(current.Id, cancellationToken).ConfigureAwait(false);
        }

        return InvitationErrors.ConcurrencyConflict();
    }

    private async Task PublishAsync(InvitationEventKind kind, string accountId, Guid? invitationId, string? userId, string? actorId, Instant at)
    {
        _telemetry.Event(kind);
        await _events.PublishOrLogAsync(new InvitationEvent(kind, accountId, invitationId, userId, actorId, at), _logger).ConfigureAwait(false);
    }

    /// <summary>
    /// The signed-in user's own address, when the identity provider verified it and the user directory holds that user,
    /// enabled, under it; otherwise the refusal (<paramref name="unknown"/> for an address that is not theirs), which depends
    /// only on the caller's own identity.
    /// </summary>
    private async Task<InvitationResult<EmailAddress>> VerifiedEmailAsync(SignedInIdentity identity, Func<InvitationError> unknown, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(identity.Email))
        {
            return InvitationErrors.EmailNotDisclosed(identity.Provider ?? "The identity provider");
        }

        if (!EmailAddress.TryParse(identity.Email, out var email))
        {
            return unknown();
        }

        if (!identity.EmailVerified)
        {
            return InvitationErrors.EmailNotVerified(identity.Provider ?? "The identity provider");
        }

        var user = await _users.FindByEmailAsync(email, cancellationToken).ConfigureAwait(false);
        return user is null || !string.Equals(user.Id, identity.UserId, StringComparison.Ordinal) ? unknown()
            : user.State switch
            {
                UserState.Enabled => email,
                UserState.Disabled => InvitationErrors.UserDisabled(),
                _ => unknown(),
            };
    }
}
