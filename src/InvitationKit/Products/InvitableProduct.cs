using InvitationKit.Ports;

namespace InvitationKit.Products;

/// <summary>
/// The one product lookup of every operation that invites into, mails for or accepts into a product (rules 7, 15): it
/// must exist, and a single-account product cannot be invited into.
/// </summary>
internal static class InvitableProduct
{
    /// <summary>The product, if it exists and can be invited into; otherwise why not.</summary>
    public static async Task<InvitationResult<ProductInfo>> FindAsync(IProductCatalog products, string productId, CancellationToken cancellationToken)
    {
        var product = await products.FindAsync(productId, cancellationToken).ConfigureAwait(false);
        return product is null ? InvitationErrors.ProductNotFound(productId)
            : product.Mode == MultiAccountMode.SingleAccount ? InvitationErrors.ProductIsSingleAccount(product.Name)
            : product;
    }
}
