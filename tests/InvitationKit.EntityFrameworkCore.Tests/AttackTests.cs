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

    /// <summary>
    /// SQLite: the database file and its write-ahead log, byte for byte; PostgreSQL: every row of the kit's tables, as text.
    /// </summary>
    protected override async Task<bool> StoreHoldsTextAsync(InMemoryInvitationStore inMemory, string text)
    {
        if (kind == InvitationKitDatabase.Sqlite)
        {
            var file = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(_database!.ConnectionString).DataSource;
            var needle = System.Text.Encoding.UTF8.GetBytes(text);
            return new[] { file, file + "-wal", file + "-journal" }.Where(File.Exists)
                .Any(path => ReadShared(path).AsSpan().IndexOf(needle) >= 0);
        }

        Assert.Matches("^[A-Za-z0-9_.@-]+$", text); // a link secret (or an address): safe to put in the query as it is
        var tables = new[] { "invitationkit_invitations", "invitationkit_idempotent_invites", "invitationkit_members", "invitationkit_otp_failures", "invitationkit_rate_limits" };
        var sql = string.Join(" + ", tables.Select(t => $"(SELECT COUNT(*) FROM {t} t WHERE strpos(t::text, '{text}') > 0)"));
        return await _database!.ScalarAsync($"SELECT {sql} AS \"Value\"") > 0;
    }

    private static byte[] ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

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
