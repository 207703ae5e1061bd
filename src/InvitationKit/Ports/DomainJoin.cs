using NodaTime;

namespace InvitationKit.Ports;

/// <summary>A join of an account through its verified email domain, as the store performs it.</summary>
/// <param name="Member">The new membership.</param>
/// <param name="ProductId">The product the user joins for.</param>
/// <param name="UserLimit">The account's seat limit.</param>
/// <param name="Now">The current instant, for counting live pending invitations.</param>
/// <param name="MakeActiveForProduct">For a latest-account-only product: make the account the user's active one, as an acceptance does.</param>
public sealed record DomainJoin(Member Member, string ProductId, int UserLimit, Instant Now, bool MakeActiveForProduct);
