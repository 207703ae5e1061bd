namespace InvitationKit.Ports;

/// <summary>The host's products and how each supports several accounts. Optional: by default every product is <see cref="MultiAccountMode.Shared"/>.</summary>
public interface IProductCatalog
{
    /// <summary>Finds a product.</summary>
    /// <param name="productId">The product id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The product, or null when the id is unknown.</returns>
    Task<ProductInfo?> FindAsync(string productId, CancellationToken cancellationToken);
}
