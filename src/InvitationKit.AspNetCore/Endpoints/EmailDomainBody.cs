using System.Text.Json.Serialization;
using InvitationKit.Ports;

namespace InvitationKit.AspNetCore.Endpoints;

/// <summary>One domain of <see cref="EmailDomainsBody"/>.</summary>
/// <param name="Domain">The domain as typed, such as <c>example.com</c>.</param>
/// <param name="Kind"><c>Allowed</c> (the default) or <c>Verified</c> (a system administrator only).</param>
/// <threadsafety>This type is immutable.</threadsafety>
public sealed record EmailDomainBody(
    string Domain,
    [property: JsonConverter(typeof(JsonStringEnumConverter<EmailDomainKind>))] EmailDomainKind Kind = EmailDomainKind.Allowed);
