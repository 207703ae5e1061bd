namespace InvitationKit.Ports;

/// <summary>The host's products and how each supports several accounts. Optional: by default every product is <see cref="MultiAccountMode.Shared"/>.</summary>
public interface IProductCatalog
{
    /// <summary>Finds a product.</summary>
    /// <param name="productId">The product id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The product, or null when the id is unknown.</returns>
    Task<ProductInfo?> FindAsync(string productId, CancellationToken cancellationToken);

    /// <summary>
    /// Lists the products an invite may name, for a product picker (the invite dialog of <c>InvitationKit.AspNetCore.UI</c>).
    /// Empty when the catalog accepts any id (the default catalog): a picker then asks for the id.
    /// </summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The products, in the order a picker shows them.</returns>
    Task<IReadOnlyList<ProductInfo>> ListAsync(CancellationToken cancellationToken);
}
