using InvitationKit.Testing.Conformance;
using InvitationKit.Tests.Attacks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InvitationKit.EntityFrameworkCore.Tests;

/// <summary>The attack suite on a database created from the shipped scripts.</summary>
public abstract class EntityFrameworkCoreAttackTests(InvitationKitDatabase kind) : AttackTests
{
    private TestDatabase? _database;

    protected override async Task<Action<IServiceCollection>?> CreateStoreAsync()
    {
        _database = await TestDatabase.CreateAsync(kind);
        var connectionString = _database.ConnectionString;
        return services =>
        {
            services.AddDbContext<InvitationKitDbContext>(o =>
            {
                if (kind == InvitationKitDatabase.Sqlite)
                {
                    o.UseSqlite(connectionString);
                }
                else
                {
                    o.UseNpgsql(connectionString);
                }
            });
            services.AddInvitationKit().UseEntityFrameworkCore<InvitationKitDbContext>();
        };
    }

    protected override async Task<int> OtpFailureCountsAsync(InMemoryInvitationStore inMemory) =>
        (int)await _database!.ScalarAsync("SELECT COUNT(*) AS \"Value\" FROM invitationkit_otp_failures");

    protected override async Task<int?> OtpFailureTotalAsync(InMemoryInvitationStore inMemory, string key) =>
        await _database!.ScalarAsync($"SELECT COALESCE(MAX(total), -1) AS \"Value\" FROM invitationkit_otp_failures WHERE email_key = '{key.Replace("'", "''", StringComparison.Ordinal)}'") is var total and >= 0
            ? (int)total
            : null;

    protected override async Task DropStoreAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}

public sealed class SqliteAttackTests() : EntityFrameworkCoreAttackTests(InvitationKitDatabase.Sqlite);

[StoreAvailability(typeof(PostgresAvailability))]
public sealed class PostgreSqlAttackTests() : EntityFrameworkCoreAttackTests(InvitationKitDatabase.PostgreSql);
