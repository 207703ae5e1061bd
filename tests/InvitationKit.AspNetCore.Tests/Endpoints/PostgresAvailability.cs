using InvitationKit.Shared;
using InvitationKit.Testing.Conformance;

namespace InvitationKit.AspNetCore.Tests.Endpoints;

/// <summary>
/// Skips the endpoint tests on PostgreSQL — loudly, with the reason — only where PostgreSQL is absent and CI is not set,
/// as the store's tests do; under <c>CI=true</c> a missing server fails them.
/// </summary>
public sealed class PostgresAvailability : IStoreAvailability
{
    /// <inheritdoc />
    public string? SkipReason => PostgresServer.IsInstalled || PostgresServer.Required
        ? null
        : "SKIPPED: PostgreSQL is not installed on this machine (no pg_lsclusters, no INVITATIONKIT_POSTGRES); the endpoints were NOT tested on PostgreSQL.";
}
