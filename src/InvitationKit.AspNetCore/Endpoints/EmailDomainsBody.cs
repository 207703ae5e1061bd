namespace InvitationKit.AspNetCore.Endpoints;

/// <summary>The body of <c>PUT {prefix}/accounts/{accountId}/email-domains</c>: the account's whole new list of email domains.</summary>
/// <param name="Domains">The domains, as typed (<c>{ "domain": "bücher.example", "kind": "Allowed" }</c>); empty removes the policy.</param>
/// <threadsafety>This type is immutable.</threadsafety>
public sealed record EmailDomainsBody(IReadOnlyList<EmailDomainBody> Domains);
