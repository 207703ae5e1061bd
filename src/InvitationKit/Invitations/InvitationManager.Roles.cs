using InvitationKit.Permissions;
using InvitationKit.Products;

namespace InvitationKit;

/// <summary>Which roles may be granted: the role catalog's offer (what exists here) and the role grant policy (who may grant it).</summary>
internal sealed partial class InvitationManager
{
    public async Task<InvitationResult<GrantableRoles>> GetGrantableRolesAsync(Actor actor, string accountId, string productId, CancellationToken cancellationToken = default)
    {
        var managed = await FindManagedAccountAsync(actor, accountId, cancellationToken).ConfigureAwait(false);
        if (!managed.TryGetValue(out var found))
        {
            return managed.ConvertError<GrantableRoles>();
        }

        // The product as an invite finds it: an invite dialog offers nothing for a product nobody can be invited into.
        if (CheckId("product id", productId) is { } invalid)
        {
            return invalid;
        }

        var invitable = await InvitableProduct.FindAsync(_products, productId, cancellationToken).ConfigureAwait(false);
        if (!invitable.Succeeded)
        {
            return invitable.ConvertError<GrantableRoles>();
        }

        var offered = await OfferedRoles.ReadAsync(_roleCatalog, accountId, productId, cancellationToken).ConfigureAwait(false);
        var grantable = offered.Roles?.Where(role => CanGrant(actor, accountId, found.Access, role)).ToArray() ?? [];
        return new GrantableRoles(grantable, AnyRole: offered.Roles is null, found.Access.CanGrantOwner);
    }

    /// <summary>
    /// Rule 6 with the role catalog: adds an error for each role the account does not offer for the product
    /// (<see cref="InvitationErrorCode.UnknownRole"/>, listing the offered roles), and for each offered role the role
    /// grant policy does not let the actor grant.
    /// </summary>
    private void CheckRoles(Actor actor, string accountId, AccountAccess access, OfferedRoles offered, IReadOnlyList<string> roles, string? recipient, List<InvitationError> errors)
    {
        foreach (var role in roles)
        {
            if (!offered.Offers(role))
            {
                errors.Add(InvitationErrors.UnknownRole(role, recipient, offered.Roles ?? []));
            }
            else if (!CanGrant(actor, accountId, access, role))
            {
                errors.Add(InvitationErrors.RoleGrantNotAllowed(role, recipient));
            }
        }
    }

    private bool CanGrant(Actor actor, string accountId, AccountAccess access, string role) =>
        _roleGrants.CanGrant(new RoleGrant(actor, accountId, access.Membership, role));
}
