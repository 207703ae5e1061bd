namespace InvitationKit.Ports;

/// <summary>One domain of an account's email domain policy.</summary>
/// <param name="Domain">
/// The domain. Read from the kit or a store it is the domain part of an address's key (IDN as ASCII, lowercase, e.g.
/// <c>xn--bcher-kva.example</c>); given to the kit it may be typed as people type it (<c>Bücher.Example</c>).
/// </param>
/// <param name="Kind">Allowed, or verified (allowed and joinable).</param>
public sealed record EmailDomain(string Domain, EmailDomainKind Kind);
