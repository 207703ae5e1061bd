using InvitationKit.Internal;

namespace InvitationKit.Permissions;

/// <summary>
/// The one normalization of role names, for every operation that takes roles and for the idempotency fingerprint: role
/// names are identifiers compared ordinally (<c>editor</c> and <c>EDITOR</c> are two roles), kept in their given order
/// without duplicates, at most <see cref="MaxPerInvitation"/>.
/// </summary>
internal static class RoleNames
{
    /// <summary>The most roles one invitation or membership carries.</summary>
    public const int MaxPerInvitation = 64;

    /// <summary>Validates role names; returns them de-duplicated in their given order, or the error.</summary>
    /// <param name="roles">The names as given.</param>
    /// <param name="recipient">The address or user the roles are for, named in the error.</param>
    public static InvitationResult<IReadOnlyList<string>> Normalize(IReadOnlyList<string>? roles, string? recipient)
    {
        if (roles is null)
        {
            return InvitationErrors.InvalidRole("(null)", recipient);
        }

        if (roles.Count > MaxPerInvitation)
        {
            return InvitationErrors.InvalidRole($"{roles.Count} roles", recipient);
        }

        var result = new List<string>(roles.Count);
        foreach (var role in roles)
        {
            if (!Identifier.IsValid(role))
            {
                return InvitationErrors.InvalidRole(role ?? "(null)", recipient);
            }

            if (!result.Contains(role, StringComparer.Ordinal))
            {
                result.Add(role);
            }
        }

        return result.ToArray();
    }

    /// <summary>
    /// A role catalog's names as the kit compares them: the valid ones (a name the kit could never store is offered to
    /// nobody), de-duplicated, in the catalog's order.
    /// </summary>
    public static IReadOnlyList<string> Offered(IReadOnlyList<string?> roles) =>
        [.. roles.Where(Identifier.IsValid).Select(r => r!).Distinct(StringComparer.Ordinal)];

    /// <summary>The roles as a set, for comparing two requests: normalized and sorted ordinally; as given when invalid.</summary>
    public static IEnumerable<string> AsSet(IReadOnlyList<string>? roles) =>
        (Normalize(roles, null).ValueOrDefault ?? roles?.Select(r => r ?? string.Empty) ?? []).Order(StringComparer.Ordinal);
}
