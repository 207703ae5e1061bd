using InvitationKit.Ports;

namespace InvitationKit;

/// <summary>An account's email domain policy, as <see cref="IInvitationManager.GetEmailDomainsAsync"/> shows it.</summary>
/// <param name="AccountId">The account.</param>
/// <param name="Domains">
/// Its domains, normalized and ordered. Empty: any domain may be invited. Otherwise only addresses of these domains may
/// be invited, and a verified domain's users may join the account.
/// </param>
public sealed record EmailDomainPolicy(string AccountId, IReadOnlyList<EmailDomain> Domains);
