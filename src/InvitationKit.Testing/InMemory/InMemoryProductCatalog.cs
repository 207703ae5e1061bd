using System.Collections.Concurrent;
using InvitationKit.Ports;

namespace InvitationKit.Testing;

/// <summary>A thread-safe in-memory <see cref="IProductCatalog"/>: only the products added exist.</summary>
/// <threadsafety>This type is thread-safe.</threadsafety>
public sealed class InMemoryProductCatalog : IProductCatalog
{
    private readonly ConcurrentDictionary<string, ProductInfo> _products = new(StringComparer.Ordinal);

    /// <summary>Adds or replaces a product.</summary>
    /// <param name="product">The product.</param>
    /// <returns>The product.</returns>
    public ProductInfo Add(ProductInfo product)
    {
        ArgumentNullException.ThrowIfNull(product);
        _products[product.Id] = product;
        return product;
    }

    /// <inheritdoc />
    public Task<ProductInfo?> FindAsync(string productId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_products.GetValueOrDefault(productId));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ProductInfo>> ListAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult<IReadOnlyList<ProductInfo>>([.. _products.Values.OrderBy(p => p.Name, StringComparer.CurrentCulture).ThenBy(p => p.Id, StringComparer.Ordinal)]);
    }
}
