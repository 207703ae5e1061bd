namespace InvitationKit.AspNetCore.Tests.Endpoints;

/// <summary>Where a test's app keeps the kit's data: the endpoint tests of issue 21 run on each.</summary>
public enum SampleStore
{
    /// <summary>The in-memory store of <c>InvitationKit.Testing</c>.</summary>
    InMemory,

    /// <summary>The EF Core store on a SQLite file.</summary>
    Sqlite,

    /// <summary>The EF Core store on a PostgreSQL database of the test's own.</summary>
    Postgres,
}
