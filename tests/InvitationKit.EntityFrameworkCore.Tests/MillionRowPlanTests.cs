using System.Data.Common;
using System.Diagnostics;
using System.Text.RegularExpressions;
using InvitationKit.EntityFrameworkCore.Model;
using InvitationKit.EntityFrameworkCore.Stores;
using InvitationKit.Ports;
using InvitationKit.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using NodaTime;
using Xunit.Abstractions;

namespace InvitationKit.EntityFrameworkCore.Tests;

/// <summary>
/// The query plans, on PostgreSQL with one account holding 1 000 000 invitations, of what must not grow with the account:
/// a list page with its total (all, and pending: the invitation counts of schema V014 and the overdue range of the
/// partial pending index), a search by the start of the address with its total, the seat count, the expiry sweep's claim
/// of overdue invitations and the dispatcher's read and claim of due mail. Each reads a range of an index or a counter
/// row, none scans or sorts the account's invitations. The rows are seeded by one server-side
/// <c>INSERT … SELECT … FROM generate_series</c>; the test prints how long that takes.
/// </summary>
public sealed class MillionRowPlanTests(ITestOutputHelper output)
{
    private const int Rows = 1_000_000;
    private const int Overdue = 10; // pending rows among the first 50, overdue at Now
    private const int Due = 10;     // pending rows among the next 50, with mail due at Now
    private static readonly Instant T0 = Instant.FromUtc(2026, 1, 1, 0, 0);
    private static readonly Instant Now = T0 + Duration.FromDays(1);

    [PostgresFact]
    public async Task What_users_and_workers_wait_for_reads_index_ranges_at_1000000_rows_on_postgresql()
    {
        await using var database = await TestDatabase.CreateAsync(InvitationKitDatabase.PostgreSql);
        var seeding = Stopwatch.StartNew();
        await SeedAsync(database);
        output.WriteLine($"seeded {Rows} invitations (INSERT … SELECT FROM generate_series, then VACUUM ANALYZE) in {seeding.Elapsed.TotalSeconds:F1} s");

        var (all, allPlan) = await ListAsync(database, new InvitationQuery("acme", Limit: 50));
        var (pending, pendingPlan) = await ListAsync(database, new InvitationQuery("acme", InvitationStatus.Pending, Limit: 50));
        var (expired, expiredPlan) = await ListAsync(database, new InvitationQuery("acme", InvitationStatus.Expired, Limit: 50));
        var (found, searchPlan) = await ListAsync(database, new InvitationQuery("acme", Limit: 50, EmailPrefix: "u12345"));
        Assert.Equal(Rows, all.TotalCount);
        Assert.Equal((Rows / 5) - Overdue, pending.TotalCount);
        Assert.Equal((Rows / 5) + Overdue, expired.TotalCount);
        Assert.Equal(11, found.TotalCount); // u12345 and u123450–u123459
        foreach (var (what, plan) in new[] { ("list page with its total", allPlan), ("pending page with its total", pendingPlan), ("expired page with its total", expiredPlan) })
        {
            ReadsRanges(what, plan, "ix_invitationkit_invitations_account_(recent|listing)", unsorted: true);
            Assert.Contains("invitationkit_invitation_counts", plan, StringComparison.Ordinal);
        }

        ReadsRanges("search by address with its total", searchPlan, "ix_invitationkit_invitations_account_email", unsorted: false);

        var seats = await QueryPlans.PlanOfAsync(database, async store => Assert.Equal((Rows / 5) - Overdue, await store.CountOccupiedSeatsAsync("acme", Now, default)));
        ReadsRanges("seat count", seats, "ix_invitationkit_invitations_pending_seats", unsorted: true);

        var sweep = await QueryPlans.PlanOfAsync(database, async store => Assert.Equal(Overdue, (await store.FindOverdueAsync(Now, 100, default)).Count));
        ReadsRanges("expiry sweep's claim", sweep, "ix_invitationkit_invitations_(overdue|pending_seats)", unsorted: true);

        IReadOnlyList<Invitation> leases = [];
        var due = await QueryPlans.PlanOfAsync(database, async store => leases = await store.FindDueForDeliveryAsync(Now, 100, default));
        Assert.Equal(Due, leases.Count);
        ReadsRanges("dispatcher's read of due mail", due, "ix_invitationkit_invitations_outbox", unsorted: true);
        var claim = await QueryPlans.PlanOfAsync(database, async store => Assert.Equal(Due, (await store.ClaimForDeliveryAsync(leases, default)).Count), explainWrites: true);
        ReadsRanges("dispatcher's claim", claim, "invitationkit_invitations_pkey", unsorted: true);
    }

    /// <summary>A template invitation through the store, then <see cref="MillionRowSeed"/> from it.</summary>
    private static async Task SeedAsync(TestDatabase database)
    {
        var template = new Invitation
        {
            Id = Guid.NewGuid(), AccountId = "acme", ProductId = "cloud", Email = "t@example.com", EmailKey = "t@example.com",
            Kind = InvitationKind.ExistingUser, UserId = "u", Roles = ["VIEWER"], InvitedBy = "owner", CreatedAt = T0, IssuedAt = T0,
            ExpiresAt = T0 + Duration.FromDays(7), SecretHash = new SecretHash(new byte[32]), Revision = 1,
            GrantsOwner = false, Status = InvitationStatus.Pending, Delivery = DeliveryState.Sent,
        };
        await using (var context = database.NewContext())
        {
            Assert.Equal(BatchInsertStatus.Inserted, (await database.NewStore(context).InsertBatchAsync(new InvitationBatch("acme", 10, T0, [template]), default)).Status);
        }

        await MillionRowSeed.SeedAsync(database.ConnectionString, template.Id, "acme", Rows, T0.ToUnixTimeTicks(), Now.ToUnixTimeTicks(), overdueUpTo: 50, dueUpTo: 100);
    }

    /// <summary>Each statement's plan reads ranges of indexes (<paramref name="index"/> among them) and scans no invitations; when <paramref name="unsorted"/>, it sorts nothing either.</summary>
    private void ReadsRanges(string what, string plan, string index, bool unsorted)
    {
        output.WriteLine($"{what}: {plan}");
        Assert.Matches(index, plan);
        Assert.DoesNotContain("Seq Scan on invitationkit_invitations ", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("Bitmap Heap Scan on invitationkit_invitations ", plan, StringComparison.Ordinal);
        if (unsorted)
        {
            Assert.DoesNotMatch(@"(?<!Incremental )Sort\b", plan);
        }
    }

    private static async Task<(Page<Invitation> Page, string Plan)> ListAsync(TestDatabase database, InvitationQuery query)
    {
        Page<Invitation>? page = null;
        var plan = await QueryPlans.PlanOfAsync(database, async store => page = await store.ListAsync(query, Now, default));
        return (page!, plan);
    }
}
