namespace InvitationKit.EntityFrameworkCore;

/// <summary>The databases the store supports, each with its own concurrency mechanism and schema scripts.</summary>
public enum InvitationKitDatabase
{
    /// <summary>SQLite (Microsoft.EntityFrameworkCore.Sqlite): the embedded default; one writer at a time, WAL journal.</summary>
    Sqlite = 0,

    /// <summary>PostgreSQL (Npgsql.EntityFrameworkCore.PostgreSQL): for hosts running several instances; per-account row locks.</summary>
    PostgreSql = 1,
}
