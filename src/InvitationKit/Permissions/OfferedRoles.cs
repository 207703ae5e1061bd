using InvitationKit.Ports;

namespace InvitationKit.Permissions;

/// <summary>The roles the <see cref="IRoleCatalog"/> offers in one account for one product, or any role when it lists none.</summary>
internal sealed class OfferedRoles
{
    private static readonly OfferedRoles AnyRole = new(null);

    private readonly HashSet<string>? _set;

    private OfferedRoles(IReadOnlyList<string>? roles)
    {
        Roles = roles;
        _set = roles?.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The offered roles in the catalog's order; null when any well-formed role is accepted.</summary>
    public IReadOnlyList<string>? Roles { get; }

    /// <summary>Reads the catalog once, keeping only valid role names (<see cref="RoleNames.Offered"/>).</summary>
    public static async Task<OfferedRoles> ReadAsync(IRoleCatalog catalog, string accountId, string productId, CancellationToken cancellationToken) =>
        await catalog.GetRolesAsync(accountId, productId, cancellationToken).ConfigureAwait(false) is { } roles
            ? new OfferedRoles(RoleNames.Offered(roles))
            : AnyRole;

    /// <summary>Whether the role may be granted at all here (before the role grant policy decides who may grant it).</summary>
    public bool Offers(string role) => _set is null || _set.Contains(role);
}
