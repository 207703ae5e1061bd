namespace InvitationKit.Ports;

/// <summary>The catalog used when the host registers none: every product exists and is shared.</summary>
internal sealed class SharedProductCatalog : IProductCatalog
{
    public Task<ProductInfo?> FindAsync(string productId, CancellationToken cancellationToken) =>
        Task.FromResult<ProductInfo?>(new ProductInfo(productId, productId));

    public Task<IReadOnlyList<ProductInfo>> ListAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<ProductInfo>>([]);
}
