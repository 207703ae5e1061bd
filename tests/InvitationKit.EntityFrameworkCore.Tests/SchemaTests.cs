namespace InvitationKit.EntityFrameworkCore.Tests;

/// <summary>The shipped scripts create a working database, are idempotent, and match the EF model.</summary>
public sealed class SchemaTests
{
    [Fact]
    public Task The_scripts_create_a_working_sqlite_database() => CreatesWorkingDatabase(InvitationKitDatabase.Sqlite);

    [PostgresFact]
    public Task The_scripts_create_a_working_postgresql_database() => CreatesWorkingDatabase(InvitationKitDatabase.PostgreSql);

    [Theory]
    [InlineData(InvitationKitDatabase.Sqlite)]
    [InlineData(InvitationKitDatabase.PostgreSql)]
    public void Scripts_are_shipped_for_every_database(InvitationKitDatabase database)
    {
        var scripts = InvitationKitSchema.GetScripts(database);
        Assert.Equal(1, scripts[0].Version);
        foreach (var table in new[] { "invitationkit_invitations", "invitationkit_members", "invitationkit_active_accounts", "invitationkit_account_locks" })
        {
            Assert.Contains($"CREATE TABLE IF NOT EXISTS {table}", scripts[0].Sql, StringComparison.Ordinal);
        }

        Assert.Contains("ux_invitationkit_invitations_one_pending", scripts[0].Sql, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Microsoft.EntityFrameworkCore.SqlServer")]
    [InlineData("Microsoft.EntityFrameworkCore.InMemory")]
    [InlineData(null)]
    public void Unsupported_providers_are_refused_with_a_clear_message(string? provider)
    {
        var error = Assert.Throws<NotSupportedException>(() => Stores.DatabaseDialect.For(provider));
        Assert.Contains("supports SQLite and PostgreSQL", error.Message, StringComparison.Ordinal);
        Assert.Contains("conformance kit", error.Message, StringComparison.Ordinal);
    }

    private static async Task CreatesWorkingDatabase(InvitationKitDatabase kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind, applySchema: false);
        await using (var context = database.NewContext())
        {
            Assert.Equal([1], await InvitationKitSchema.ApplyAsync(context));
            Assert.Empty(await InvitationKitSchema.ApplyAsync(context));
        }

        Assert.Equal(1, await database.ScalarAsync("SELECT COUNT(*) AS \"Value\" FROM invitationkit_schema_history"));

        // The model EF uses matches the tables the scripts made: a full round trip through the store works.
        await using var storeContext = database.NewContext();
        var store = database.NewStore(storeContext);
        var now = Instant.FromUtc(2026, 1, 1, 0, 0);
        var owner = new Member("acme", "owner", ["X"], true, now, null);
        Assert.True(await store.TryAddFoundingOwnerAsync(owner, default));
        Assert.Equal(owner.UserId, (await store.FindMemberAsync("acme", "owner", default))?.UserId);
        Assert.Equal(1, await store.CountOccupiedSeatsAsync("acme", now, default));
    }
}
