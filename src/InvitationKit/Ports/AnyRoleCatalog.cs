namespace InvitationKit.Ports;

/// <summary>The catalog used when the host registers none: any well-formed role name is accepted.</summary>
internal sealed class AnyRoleCatalog : IRoleCatalog
{
    public Task<IReadOnlyList<string>?> GetRolesAsync(string accountId, string productId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>?>(null);
}
