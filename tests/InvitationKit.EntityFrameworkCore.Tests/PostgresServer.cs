using InvitationKit.Testing.Conformance;

namespace InvitationKit.EntityFrameworkCore.Tests;

/// <summary>Skips PostgreSQL tests — loudly, with the reason — only where PostgreSQL is absent and CI is not set.</summary>
public sealed class PostgresAvailability : IStoreAvailability
{
    public string? SkipReason => PostgresServer.IsInstalled || PostgresServer.Required
        ? null
        : "SKIPPED: PostgreSQL is not installed on this machine (no pg_lsclusters, no INVITATIONKIT_POSTGRES); the PostgreSQL store was NOT tested.";
}

/// <summary>A fact that needs PostgreSQL, skipped under the same rule as the conformance suite.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute() => Skip = new PostgresAvailability().SkipReason;
}
