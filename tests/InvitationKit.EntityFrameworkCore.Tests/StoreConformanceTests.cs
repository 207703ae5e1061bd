using InvitationKit.Testing.Conformance;

namespace InvitationKit.EntityFrameworkCore.Tests;

/// <summary>The conformance suite over a database created from the shipped scripts; each store instance has its own context and connection.</summary>
public abstract class EntityFrameworkCoreConformanceTests(InvitationKitDatabase kind) : InvitationStoreConformanceTests
{
    private TestDatabase? _database;

    protected override async Task CreateEmptyDatabaseAsync() => _database = await TestDatabase.CreateAsync(kind);

    protected override Task<StoreHandle> OpenStoreAsync()
    {
        var context = _database!.NewContext();
        return Task.FromResult(new StoreHandle(InvitationStoreSet.Of(_database.NewStore(context)), context));
    }

    protected override async Task DropDatabaseAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}

public sealed class SqliteStoreConformanceTests() : EntityFrameworkCoreConformanceTests(InvitationKitDatabase.Sqlite);

[StoreAvailability(typeof(PostgresAvailability))]
public sealed class PostgreSqlStoreConformanceTests() : EntityFrameworkCoreConformanceTests(InvitationKitDatabase.PostgreSql);
