using System.Data.Common;
using InvitationKit.EntityFrameworkCore.Model;
using InvitationKit.EntityFrameworkCore.Stores;
using InvitationKit.Ports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using NodaTime;
using Xunit.Abstractions;

namespace InvitationKit.EntityFrameworkCore.Tests;

/// <summary>
/// The query plans of what users wait for — a list page (first, deep by keyset, filtered) and the seat count — and of the
/// expiry sweep's read of ended invitations awaiting their pending user's release, and the two searches (by the start of
/// the address, by inviter), on an account holding 100 000
/// invitations beside another as large, for the SQL the store really sends: each reads a range of an index, none sorts
/// or scans the account's rows.
/// </summary>
public sealed class PlanTests(ITestOutputHelper output)
{
    private const int Rows = 100_000;
    private static readonly Instant T0 = Instant.FromUtc(2026, 1, 1, 0, 0);

    [Fact]
    public Task List_pages_and_seat_counts_read_index_ranges_at_100000_rows_on_sqlite() => PlansAsync(InvitationKitDatabase.Sqlite);

    [PostgresFact]
    public Task List_pages_and_seat_counts_read_index_ranges_at_100000_rows_on_postgresql() => PlansAsync(InvitationKitDatabase.PostgreSql);

    private async Task PlansAsync(InvitationKitDatabase kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await SeedAsync(database);
        var now = T0 + Duration.FromDays(1);

        var first = await QueryPlans.PlanOfAsync(database, store => store.ListAsync(new InvitationQuery("acme", Limit: 50, IncludeTotal: false), now, default));
        var firstPage = await ListAsync(database, new InvitationQuery("acme", Limit: 50, IncludeTotal: false), now);
        var deepToken = new InvitationListCursor(T0 + Duration.FromSeconds(Rows / 6), firstPage.Items[0].Id).Encode(); // half-way down
        var deep = await QueryPlans.PlanOfAsync(database, store => store.ListAsync(new InvitationQuery("acme", Limit: 50, ContinuationToken: deepToken, IncludeTotal: false), now, default));
        var pending = await QueryPlans.PlanOfAsync(database, store => store.ListAsync(new InvitationQuery("acme", InvitationStatus.Accepted, Limit: 50, IncludeTotal: false), now, default));
        var seats = await QueryPlans.PlanOfAsync(database, store => store.CountOccupiedSeatsAsync("acme", now, default));
        var releases = await QueryPlans.PlanOfAsync(database, store => store.FindPendingUserReleasesAsync(100, default));
        var byAddress = await QueryPlans.PlanOfAsync(database, store => store.ListAsync(new InvitationQuery("acme", Limit: 50, IncludeTotal: false, EmailPrefix: "u1234"), now, default));
        var retention = await QueryPlans.PlanOfAsync(database, store => store.EraseFinishedAsync(T0, 100, default), explainWrites: true);
        var byInviter = await QueryPlans.PlanOfAsync(database, store => store.ListAsync(new InvitationQuery("acme", Limit: 50, IncludeTotal: false, InvitedBy: "owner3"), now, default));

        foreach (var (name, plan) in new[] { ("first page", first), ("deep keyset page", deep), ("filtered page", pending) })
        {
            output.WriteLine($"{kind} {name}: {plan}");
            Assert.Matches("ix_invitationkit_invitations_account_(recent|listing)", plan);
            Assert.DoesNotContain("TEMP B-TREE", plan, StringComparison.Ordinal); // SQLite sorting the rows
            Assert.DoesNotMatch(@"(?<!Incremental )Sort\b", plan);                 // PostgreSQL sorting the rows
            Assert.DoesNotContain("Seq Scan", plan, StringComparison.Ordinal);
        }

        // The seat count reads the account's counter row and the overdue range of the partial pending index (empty
        // here), never the account's members or its 20 000 pending invitations.
        output.WriteLine($"{kind} seat count: {seats}");
        Assert.Contains("ix_invitationkit_invitations_pending_seats", seats, StringComparison.Ordinal);
        Assert.Matches("invitationkit_account_locks|pk_invitationkit_account_locks|sqlite_autoindex_invitationkit_account_locks", seats);
        Assert.DoesNotContain("invitationkit_members", seats, StringComparison.Ordinal);
        Assert.DoesNotContain("Seq Scan", seats, StringComparison.Ordinal);

        // The sweep's read of ended invitations awaiting their pending user's release: the partial index holds only those.
        ReadsARange(kind, "pending user releases", releases, "ix_invitationkit_invitations_user_release", unsorted: true);

        // A search by the start of the address reads the prefix's range of its index (then sorts the few it found); one
        // by inviter reads the inviter's range, already newest first. Retention reads the oldest finished rows not
        // erased yet from its partial index.
        ReadsARange(kind, "search by address", byAddress, "ix_invitationkit_invitations_account_email", unsorted: false);
        ReadsARange(kind, "search by inviter", byInviter, "ix_invitationkit_invitations_account_inviter", unsorted: true);
        ReadsARange(kind, "retention", retention, "ix_invitationkit_invitations_retention", unsorted: false);
        var found = await ListAsync(database, new InvitationQuery("acme", Limit: 200, EmailPrefix: "U1234"), now); // the manager folds case; the store sees the key
        Assert.Equal(0, found.TotalCount);
        found = await ListAsync(database, new InvitationQuery("acme", Limit: 200, EmailPrefix: "u1234"), now);
        Assert.Equal(11, found.TotalCount); // u1234 and u12340–u12349
        Assert.All(found.Items, i => Assert.StartsWith("u1234", i.EmailKey, StringComparison.Ordinal));

        Assert.Equal(Rows / 5 + 1, await CountSeatsAsync(database, "acme", now)); // status = n % 5, and the template
        Assert.Equal(Rows / 5, await CountSeatsAsync(database, "globex", now));
        Assert.Equal(0, await CountSeatsAsync(database, "acme", T0 + Duration.FromDays(8))); // all overdue, none expired yet by the sweep

        // The dispatcher's read of due mail walks the outbox's partial index in due order and stops at its page: it never
        // sorts the 40 000 pending invitations to find the 200 with mail due. Most SQLite databases are never analyzed,
        // and without statistics SQLite's planner preferred the pending range of the overdue index and sorted it.
        if (kind == InvitationKitDatabase.Sqlite)
        {
            await using var context = database.NewContext();
            await context.Database.ExecuteSqlRawAsync("DROP TABLE sqlite_stat1");
        }

        var dueMail = await QueryPlans.PlanOfAsync(database, async store => Assert.Equal(100, (await store.FindDueForDeliveryAsync(now, 100, default)).Count));
        ReadsARange(kind, "due mail", dueMail, "ix_invitationkit_invitations_outbox", unsorted: true);
    }

    /// <summary>The plan reads a range of <paramref name="index"/> and scans no table; when <paramref name="unsorted"/>, it sorts nothing either.</summary>
    private void ReadsARange(InvitationKitDatabase kind, string what, string plan, string index, bool unsorted)
    {
        output.WriteLine($"{kind} {what}: {plan}");
        Assert.Contains(index, plan, StringComparison.Ordinal);
        Assert.DoesNotContain("Seq Scan", plan, StringComparison.Ordinal);                 // PostgreSQL reading the table
        Assert.DoesNotMatch(@"SCAN invitationkit_invitations(?! USING)", plan);          // SQLite reading the table
        if (unsorted)
        {
            Assert.DoesNotContain("TEMP B-TREE", plan, StringComparison.Ordinal);         // SQLite sorting the rows
            Assert.DoesNotMatch(@"(?<!Incremental )Sort\b", plan);                        // PostgreSQL sorting the rows
        }
    }

    private static async Task<int> CountSeatsAsync(TestDatabase database, string accountId, Instant now)
    {
        await using var context = database.NewContext();
        return await database.NewStore(context).CountOccupiedSeatsAsync(accountId, now, default);
    }

    private static async Task<Page<Invitation>> ListAsync(TestDatabase database, InvitationQuery query, Instant now)
    {
        await using var context = database.NewContext();
        return await database.NewStore(context).ListAsync(query, now, default);
    }

    /// <summary>100 000 invitations in each of two accounts (five statuses, three per second), then statistics.</summary>
    private static async Task SeedAsync(TestDatabase database)
    {
        await using var context = database.NewContext();
        var template = EntityMapping.ToEntity(new Invitation
        {
            Id = Guid.NewGuid(), AccountId = "acme", ProductId = "cloud", Email = "t@example.com", EmailKey = "t@example.com",
            Kind = InvitationKind.ExistingUser, UserId = "u", Roles = ["VIEWER"], InvitedBy = "owner", CreatedAt = T0, IssuedAt = T0,
            ExpiresAt = T0 + Duration.FromDays(7), SecretHash = new SecretHash(new byte[32]), Revision = 1,
            GrantsOwner = false, Status = InvitationStatus.Pending, Delivery = DeliveryState.Sent,
        });
        context.Add(template);
        await context.SaveChangesAsync();

        var entity = context.Model.FindEntityType(typeof(InvitationEntity))!;
        var table = entity.GetTableName()!;
        var columns = entity.GetProperties().Select(p => p.GetColumnName()).ToArray();
        var sqlite = database.Kind == InvitationKitDatabase.Sqlite;
#pragma warning disable EF1002, EF1003 // the test's own generated SQL, no input
        foreach (var (account, marker) in new[] { ("acme", 0), ("globex", 1) })
        {
            var generated = new Dictionary<string, string>
            {
                ["id"] = sqlite ? $"printf('%08X-{marker:D4}-4000-8000-%012X', n.x, n.x)" : $"md5('{account}' || n.x::text)::uuid",
                ["account_id"] = $"'{account}'",
                ["email"] = sqlite ? "'u' || n.x || '@example.com'" : "'u' || n.x::text || '@example.com'",
                ["email_key"] = sqlite ? "'u' || n.x || '@example.com'" : "'u' || n.x::text || '@example.com'",
                ["secret_hash"] = sqlite ? "randomblob(32)" : $"decode(md5('{account}' || n.x::text) || md5('s' || n.x::text), 'hex')",
                ["status"] = "n.x % 5",
                ["resolved_at"] = sqlite
                    ? $"CASE WHEN n.x % 5 = 0 THEN NULL ELSE {T0.ToUnixTimeTicks()} + (n.x / 3) * 10000000 + 600000000 END"
                    : $"CASE WHEN n.x % 5 = 0 THEN NULL ELSE {T0.ToUnixTimeTicks()} + (n.x / 3)::bigint * 10000000 + 600000000 END",
                ["invited_by"] = sqlite ? "'owner' || (n.x % 10)" : "'owner' || (n.x % 10)::text",
                ["pending_user_release_due"] = "(n.x % 1000 = 2)", // a few ended ones await their pending user's release
                ["next_delivery_at"] = $"CASE WHEN n.x % 1000 = 5 THEN {T0.ToUnixTimeTicks()} + n.x ELSE NULL END", // a few pending ones have mail due
                ["created_at"] = sqlite ? $"{T0.ToUnixTimeTicks()} + (n.x / 3) * 10000000" : $"{T0.ToUnixTimeTicks()} + (n.x / 3)::bigint * 10000000",
            };
            var numbers = sqlite ? $"WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < {Rows}) " : string.Empty;
            var source = sqlite ? "n" : $"generate_series(1, {Rows}) AS n(x)";
            var select = string.Join(", ", columns.Select(c => generated.TryGetValue(c, out var expression) ? expression : $"t.{c}"));
            await context.Database.ExecuteSqlRawAsync(
                $"{numbers}INSERT INTO {table} ({string.Join(", ", columns)}) SELECT {select} FROM {source}, {table} t WHERE t.id = {{0}}",
                template.Id);
        }

        await context.Database.ExecuteSqlRawAsync(sqlite ? "ANALYZE" : $"VACUUM ANALYZE {table}");
#pragma warning restore EF1002, EF1003
    }
}
