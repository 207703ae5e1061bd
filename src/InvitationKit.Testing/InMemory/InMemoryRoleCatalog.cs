using System.Collections.Concurrent;
using InvitationKit.Ports;

namespace InvitationKit.Testing;

/// <summary>
/// A thread-safe in-memory <see cref="IRoleCatalog"/>: the roles offered for a product in every account, or in one
/// account (which then replaces the product's). A product with no roles offered accepts any role, as the default catalog does.
/// </summary>
/// <threadsafety>This type is thread-safe.</threadsafety>
public sealed class InMemoryRoleCatalog : IRoleCatalog
{
    private readonly ConcurrentDictionary<(string? AccountId, string ProductId), string[]> _roles = new();

    /// <summary>Offers these roles for the product in every account (replacing what it offered before).</summary>
    /// <param name="productId">The product.</param>
    /// <param name="roles">The roles; none offers no role at all.</param>
    public void Offer(string productId, params string[] roles)
    {
        ArgumentNullException.ThrowIfNull(productId);
        ArgumentNullException.ThrowIfNull(roles);
        _roles[(null, productId)] = [.. roles];
    }

    /// <summary>Offers these roles for the product in one account, instead of the product's roles (replacing what it offered before).</summary>
    /// <param name="accountId">The account.</param>
    /// <param name="productId">The product.</param>
    /// <param name="roles">The roles; none offers no role at all.</param>
    public void OfferInAccount(string accountId, string productId, params string[] roles)
    {
        ArgumentNullException.ThrowIfNull(accountId);
        ArgumentNullException.ThrowIfNull(productId);
        ArgumentNullException.ThrowIfNull(roles);
        _roles[(accountId, productId)] = [.. roles];
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>?> GetRolesAsync(string accountId, string productId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var roles = _roles.GetValueOrDefault((accountId, productId)) ?? _roles.GetValueOrDefault((null, productId));
        return Task.FromResult<IReadOnlyList<string>?>(roles);
    }
}
