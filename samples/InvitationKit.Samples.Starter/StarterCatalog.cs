using InvitationKit.Ports;

namespace InvitationKit.Samples.Starter;

/// <summary>
/// The app's accounts, products and each product's roles, as the kit's ports see them, read from configuration
/// (<c>Starter:Accounts</c>, <c>Starter:Products</c>) where a real app reads its own tables. The invite dialog offers
/// exactly these products and roles, so a typo is never stored.
/// </summary>
/// <param name="configuration">The app's configuration.</param>
public sealed class StarterCatalog(IConfiguration configuration) : IAccountDirectory, IProductCatalog, IRoleCatalog
{
    /// <summary>The accounts, with the email of each one's first owner.</summary>
    /// <returns>Each account and its first owner's email.</returns>
    public IEnumerable<(AccountInfo Account, string? OwnerEmail)> Accounts() =>
        configuration.GetSection("Starter:Accounts").GetChildren().Select(section => (
            new AccountInfo(section.Key, section["Name"] ?? section.Key, section.GetValue<int?>("UserLimit")),
            section["OwnerEmail"]));

    /// <inheritdoc />
    public Task<AccountInfo?> FindAsync(string accountId, CancellationToken cancellationToken) =>
        Task.FromResult(Accounts().Select(a => a.Account).FirstOrDefault(a => a.Id == accountId));

    /// <inheritdoc />
    public Task<IReadOnlyList<ProductInfo>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ProductInfo>>([.. Products().Select(p => new ProductInfo(p.Key, p["Name"] ?? p.Key))]);

    /// <inheritdoc />
    Task<ProductInfo?> IProductCatalog.FindAsync(string productId, CancellationToken cancellationToken) =>
        Task.FromResult(Products().Where(p => p.Key == productId).Select(p => new ProductInfo(p.Key, p["Name"] ?? p.Key)).FirstOrDefault());

    /// <inheritdoc />
    public Task<IReadOnlyList<string>?> GetRolesAsync(string accountId, string productId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>?>([.. configuration.GetSection($"Starter:Products:{productId}:Roles").Get<string[]>() ?? []]);

    private IEnumerable<IConfigurationSection> Products() => configuration.GetSection("Starter:Products").GetChildren();
}
