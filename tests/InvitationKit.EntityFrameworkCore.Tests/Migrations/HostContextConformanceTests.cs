using InvitationKit.Testing.Conformance;

namespace InvitationKit.EntityFrameworkCore.Tests.Migrations;

/// <summary>
/// What an adopter runs: the conformance kit against the EF Core store on the host's own context (Identity's tables and
/// the host's beside InvitationKit's), in a database made by the host's EF Core migrations and then the kit's scripts,
/// through the public <see cref="InvitationKitStores"/> entry point.
/// </summary>
public abstract class HostContextConformanceTests(InvitationKitDatabase kind) : InvitationStoreConformanceTests
{
    private HostDatabase? _database;

    protected override async Task CreateEmptyDatabaseAsync() => _database = await HostDatabase.CreateAsync(kind);

    protected override Task<StoreHandle> OpenStoreAsync()
    {
        var context = _database!.NewContext();
        return Task.FromResult(new StoreHandle(InvitationKitStores.Create(context), context));
    }

    protected override async Task DropDatabaseAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}

public sealed class SqliteHostContextConformanceTests() : HostContextConformanceTests(InvitationKitDatabase.Sqlite);

[StoreAvailability(typeof(PostgresAvailability))]
public sealed class PostgreSqlHostContextConformanceTests() : HostContextConformanceTests(InvitationKitDatabase.PostgreSql);
