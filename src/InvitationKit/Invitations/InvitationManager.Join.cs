using InvitationKit.Diagnostics;
using InvitationKit.Limits;
using InvitationKit.Permissions;
using InvitationKit.Ports;
using InvitationKit.Products;

namespace InvitationKit;

/// <summary>
/// Joining an account through its verified email domain (rule 20): a signed-in user whose identity provider verified an
/// address of the domain lists the accounts that verified it and joins one, as an acceptance would make them a member —
/// bound to the same user checks, seats and product modes. An account the host disabled is not listed, and joining it is
/// <see cref="InvitationErrorCode.AccountDisabled"/> (rule 19). Every answer depends only on the caller's own identity, so
/// nothing tells whether another address is registered or a member.
/// </summary>
internal sealed partial class InvitationManager
{
    public async Task<InvitationResult<IReadOnlyList<JoinableAccount>>> ListJoinableAccountsAsync(SignedInIdentity identity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(identity);
        cancellationToken.ThrowIfCancellationRequested();
        if (CheckId("user id", identity.UserId) is { } invalid)
        {
            return InvitationResult<IReadOnlyList<JoinableAccount>>.Failure(invalid);
        }

        var joinable = new List<JoinableAccount>();
        if (await VerifiedEmailAsync(identity, InvitationErrors.NotJoinable, cancellationToken).ConfigureAwait(false) is { Succeeded: true, Value: var email })
        {
            foreach (var accountId in await _emailDomains.FindAccountsByVerifiedDomainAsync(email.Domain, cancellationToken).ConfigureAwait(false))
            {
                if (await _stores.Members.FindMemberAsync(accountId, identity.UserId, cancellationToken).ConfigureAwait(false) is null
                    && await _accounts.FindAsync(accountId, cancellationToken).ConfigureAwait(false) is { IsDisabled: false } account)
                {
                    joinable.Add(new JoinableAccount(account.Id, account.Name));
                }
            }
        }

        return InvitationResult<IReadOnlyList<JoinableAccount>>.Success(joinable);
    }

    public async Task<InvitationResult<Member>> JoinAsync(SignedInIdentity identity, string accountId, string productId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(identity);
        cancellationToken.ThrowIfCancellationRequested();
        if ((CheckId("user id", identity.UserId) ?? CheckId("account id", accountId) ?? CheckId("product id", productId)) is { } invalid)
        {
            return invalid;
        }

        if (await RateLimitAsync(RateLimitedOperation.JoinByUser, identity.UserId, 1, "join", cancellationToken).ConfigureAwait(false) is { } limited)
        {
            return limited;
        }

        var joining = await VerifiedEmailAsync(identity, InvitationErrors.NotJoinable, cancellationToken).ConfigureAwait(false);
        if (!joining.TryGetValue(out var email))
        {
            return joining.ConvertError<Member>();
        }

        var invitable = await InvitableProduct.FindAsync(_products, productId, cancellationToken).ConfigureAwait(false);
        if (!invitable.TryGetValue(out var product))
        {
            return invitable.ConvertError<Member>();
        }

        // An unknown account and one that did not verify the domain are one answer: an account id cannot be probed.
        var account = await _accounts.FindAsync(accountId, cancellationToken).ConfigureAwait(false);
        var domains = await _emailDomains.GetEmailDomainsAsync(accountId, cancellationToken).ConfigureAwait(false);
        if (account is null || !domains.Any(d => d.Kind == EmailDomainKind.Verified && string.Equals(d.Domain, email.Domain, StringComparison.Ordinal)))
        {
            return InvitationErrors.NotJoinable();
        }

        if (EnsureEnabled(account) is { } disabled)
        {
            return disabled; // rule 19, told only to those the account would take
        }

        var now = _clock.GetCurrentInstant();
        var limit = account.UserLimit ?? _options.DefaultUserLimit;
        var latestOnly = product.Mode == MultiAccountMode.LatestAccountOnly;
        var member = new Member(account.Id, identity.UserId, RoleNames.Normalize([.. _options.VerifiedDomainJoinRoles], null).Value, false, now, InvitationId: null);
        var joined = await _emailDomains.JoinAsync(new DomainJoin(member, product.Id, limit, now, latestOnly), cancellationToken).ConfigureAwait(false);
        switch (joined.Status)
        {
            case DomainJoinStatus.AlreadyMember:
                // A retry after a lost reply, or a member already: their membership is the answer.
                return await _stores.Members.FindMemberAsync(account.Id, identity.UserId, cancellationToken).ConfigureAwait(false) is { } existing
                    ? existing
                    : InvitationErrors.ConcurrencyConflict();
            case DomainJoinStatus.SeatsExhausted:
                return InvitationErrors.UserLimitExceeded(new SeatLimitDetails(limit, joined.OccupiedSeats, 1));
        }

        Log.JoinedByVerifiedDomain(_logger, identity.UserId, account.Id);
        await PublishAsync(InvitationEventKind.MemberJoined, account.Id, null, identity.UserId, identity.UserId, now).ConfigureAwait(false);
        if (latestOnly && joined.SupersededAccountId != account.Id)
        {
            try
            {
                await _activeAccounts.OnActiveAccountChangedAsync(new ActiveAccountChange(identity.UserId, product.Id, account.Id, joined.SupersededAccountId), CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                Log.ObserverFailed(_logger, exception, identity.UserId, account.Id);
            }
        }

        return member;
    }
}
