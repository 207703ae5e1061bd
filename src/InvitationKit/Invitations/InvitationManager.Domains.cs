using InvitationKit.Diagnostics;
using InvitationKit.Permissions;
using InvitationKit.Ports;

namespace InvitationKit;

/// <summary>
/// An account's email domain policy (rule 20): its allowed domains refuse invitations to other domains, and its verified
/// domains make it joinable (InvitationManager.Join.cs). Domains are compared as an address's key has them.
/// </summary>
internal sealed partial class InvitationManager
{
    /// <summary>The most domains one account can have.</summary>
    internal const int MaxEmailDomains = 100;

    public async Task<InvitationResult<EmailDomainPolicy>> GetEmailDomainsAsync(Actor actor, string accountId, CancellationToken cancellationToken = default)
    {
        var managed = await FindManagedAccountAsync(actor, accountId, cancellationToken).ConfigureAwait(false);
        return managed.Succeeded
            ? new EmailDomainPolicy(accountId, await _emailDomains.GetEmailDomainsAsync(accountId, cancellationToken).ConfigureAwait(false))
            : managed.ConvertError<EmailDomainPolicy>();
    }

    public async Task<InvitationResult<EmailDomainPolicy>> SetEmailDomainsAsync(Actor actor, string accountId, IReadOnlyList<EmailDomain> domains, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(domains);
        var normalized = NormalizeDomains(domains);
        if (!normalized.TryGetValue(out var valid))
        {
            return normalized.ConvertError<EmailDomainPolicy>();
        }

        // Owners and system admins only: the policy is the account's security, not the day-to-day work of a USER_ADMIN.
        var managed = await FindManagedAccountAsync(actor, accountId, cancellationToken).ConfigureAwait(false);
        if (!managed.TryGetValue(out var found))
        {
            return managed.ConvertError<EmailDomainPolicy>();
        }

        if (!found.Access.CanGrantOwner)
        {
            return InvitationErrors.PermissionDenied();
        }

        // Verifying a domain claims its every address: only a system admin, who checked the ownership outside the kit,
        // may add one. An owner may keep or withdraw the account's verified domains, never add one.
        if (!actor.IsAdmin)
        {
            var stored = await _emailDomains.GetEmailDomainsAsync(accountId, cancellationToken).ConfigureAwait(false);
            var verified = stored.Where(d => d.Kind == EmailDomainKind.Verified).Select(d => d.Domain).ToHashSet(StringComparer.Ordinal);
            if (valid.FirstOrDefault(d => d.Kind == EmailDomainKind.Verified && !verified.Contains(d.Domain)) is { } claimed)
            {
                return InvitationErrors.VerifiedDomainNotAllowed(claimed.Domain);
            }
        }

        await _emailDomains.SetEmailDomainsAsync(accountId, valid, cancellationToken).ConfigureAwait(false);
        Log.EmailDomainsChanged(_logger, accountId, actor.UserId, valid.Count);
        await PublishAsync(InvitationEventKind.EmailDomainsChanged, accountId, null, null, actor.UserId, _clock.GetCurrentInstant()).ConfigureAwait(false);
        return new EmailDomainPolicy(accountId, valid);
    }

    /// <summary>Every domain as an address's key has it, ordered; every problem at once (rule 8).</summary>
    private static InvitationResult<IReadOnlyList<EmailDomain>> NormalizeDomains(IReadOnlyList<EmailDomain> domains)
    {
        if (domains.Count > MaxEmailDomains)
        {
            return InvitationErrors.TooManyEmailDomains(domains.Count, MaxEmailDomains);
        }

        var errors = new List<InvitationError>();
        var result = new SortedDictionary<string, EmailDomain>(StringComparer.Ordinal);
        foreach (var domain in domains)
        {
            ArgumentNullException.ThrowIfNull(domain, nameof(domains));
            if (!EmailDomainNames.TryNormalize(domain.Domain, out var key))
            {
                errors.Add(InvitationErrors.InvalidEmailDomain(domain.Domain));
            }
            else if (!Enum.IsDefined(domain.Kind))
            {
                errors.Add(InvitationErrors.InvalidInput("email domain kind", domain.Kind.ToString()));
            }
            else if (!result.TryAdd(key, new EmailDomain(key, domain.Kind)))
            {
                errors.Add(InvitationErrors.DuplicateEmailDomain(key));
            }
        }

        return errors.Count > 0 ? InvitationResult<IReadOnlyList<EmailDomain>>.Failure(errors) : InvitationResult<IReadOnlyList<EmailDomain>>.Success([.. result.Values]);
    }

    /// <summary>
    /// An invite's account, when the actor may manage it (as <see cref="FindManagedAccountAsync(Actor, string, CancellationToken)"/>),
    /// with its email domains: read with the actor's membership in one store call when the store keeps the domains
    /// (<see cref="ICombinedStoreOperations.FindMemberAndEmailDomainsAsync"/>), else with a call of their own.
    /// </summary>
    private async Task<InvitationResult<(ManagedAccount Managed, IReadOnlyList<EmailDomain> Domains)>> FindManagedAccountAndEmailDomainsAsync(
        Actor actor, string accountId, CancellationToken cancellationToken)
    {
        var found = await FindAccountAsync(actor, accountId, cancellationToken).ConfigureAwait(false);
        if (!found.TryGetValue(out var account))
        {
            return found.ConvertError<(ManagedAccount, IReadOnlyList<EmailDomain>)>();
        }

        if (!actor.IsAdmin && ReferenceEquals(_emailDomains, _stores.Invitations))
        {
            var (member, domains) = await _stores.Combined.FindMemberAndEmailDomainsAsync(accountId, actor.UserId, cancellationToken).ConfigureAwait(false);
            var managed = Managed(account, AccountAccess.For(actor, member));
            return managed.TryGetValue(out var permitted) ? (permitted, domains) : managed.ConvertError<(ManagedAccount, IReadOnlyList<EmailDomain>)>();
        }

        var separate = await FindManagedAccountAsync(actor, accountId, account, cancellationToken).ConfigureAwait(false);
        return separate.TryGetValue(out var allowed)
            ? (allowed, await _emailDomains.GetEmailDomainsAsync(accountId, cancellationToken).ConfigureAwait(false))
            : separate.ConvertError<(ManagedAccount, IReadOnlyList<EmailDomain>)>();
    }

    /// <summary>The domains an invite of the account may go to (verified ones included); null when the account has no policy.</summary>
    private static IReadOnlyList<string>? AllowedEmailDomains(IReadOnlyList<EmailDomain> domains) =>
        domains.Count == 0 ? null : [.. domains.Select(d => d.Domain)];
}
