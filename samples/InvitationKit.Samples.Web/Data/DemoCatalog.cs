using InvitationKit.Ports;

namespace InvitationKit.Samples.Web.Data;

/// <summary>
/// The host's products and the roles each offers, as the kit's catalog ports see them: the invite dialog offers exactly
/// these, so a typo is never stored. A real app reads its own tables.
/// </summary>
public sealed class DemoCatalog : IProductCatalog, IRoleCatalog
{
    /// <summary>The product everyone is invited into.</summary>
    public static ProductInfo Cloud { get; } = new(DemoAccounts.ProductId, "Acme Cloud");

    /// <summary>The roles the product offers.</summary>
    public static IReadOnlyList<string> Roles { get; } = ["VIEWER", "EDITOR", WellKnownRoles.UserAdmin];

    /// <inheritdoc />
    public Task<ProductInfo?> FindAsync(string productId, CancellationToken cancellationToken) =>
        Task.FromResult(productId == Cloud.Id ? Cloud : null);

    /// <inheritdoc />
    public Task<IReadOnlyList<ProductInfo>> ListAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<ProductInfo>>([Cloud]);

    /// <inheritdoc />
    public Task<IReadOnlyList<string>?> GetRolesAsync(string accountId, string productId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>?>(productId == Cloud.Id ? Roles : []);
}
