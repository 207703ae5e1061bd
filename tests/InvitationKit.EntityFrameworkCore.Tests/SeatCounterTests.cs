namespace InvitationKit.EntityFrameworkCore.Tests;

/// <summary>
/// The seat counter the schema's triggers keep on each account's lock row (<c>V006__seat_counter.sql</c>) against a
/// model that counts rows: random sequences of every store write — batches (expiring overdue duplicates), revokes,
/// rejections, expiries, acceptances with and without an OTP release, withdrawn batches, founding owners, imports and
/// removals — at clocks before and after expiry, on the EF Core store and on the in-memory store, which counts seats
/// from its rows. After every step both report the same occupied seats for every account, and each store's list total
/// for every account and status (the invitation counts of <c>V014__invitation_counts.sql</c>) equals the number of
/// invitations its list returns.
/// </summary>
public sealed class SeatCounterTests
{
    private const int Steps = 250;
    private static readonly string[] Accounts = ["acme", "globex"];
    private static readonly InvitationStatus?[] Statuses =
        [null, InvitationStatus.Pending, InvitationStatus.Accepted, InvitationStatus.Rejected, InvitationStatus.Revoked, InvitationStatus.Expired];

    private static readonly string[] Emails = ["a@example.com", "b@example.com", "c@example.com", "d@example.com", "e@example.com", "f@example.com"];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public Task The_counter_follows_every_write_on_sqlite(int seed) => FollowAsync(InvitationKitDatabase.Sqlite, seed);

    [PostgresFact]
    public async Task The_counter_follows_every_write_on_postgresql()
    {
        foreach (var seed in new[] { 1, 2 })
        {
            await FollowAsync(InvitationKitDatabase.PostgreSql, seed);
        }
    }

    private static async Task FollowAsync(InvitationKitDatabase kind, int seed)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var context = database.NewContext();
        InvitationStoreSet[] stores = [InvitationStoreSet.Of(database.NewStore(context)), InvitationStoreSet.Of(new InMemoryInvitationStore())];
        var random = new Random(seed);
        var now = Instant.FromUtc(2026, 5, 1, 0, 0);
        var ids = new List<Guid>();
        for (var step = 0; step < Steps; step++)
        {
            var account = Accounts[random.Next(Accounts.Length)];
            var model = stores[1];
            var known = ids.Count == 0 ? null : await model.Invitations.FindByIdAsync(ids[random.Next(ids.Count)], default);
            var operation = random.Next(9);
            string? done = null;
            var doing = $"step {step}, operation {operation} on {known?.Id} ({known?.Status}, revision {known?.Revision})";
            switch (operation)
            {
                case 0 or 1:
                    var batch = new InvitationBatch(account, 1000, now, [.. Emails.OrderBy(_ => random.Next()).Take(random.Next(1, 4)).Select(e => TestInvitations.Pending(account, e, now, Duration.FromHours(random.Next(12, 72))))]);
                    var inserted = await BothAsync(stores, doing, s => s.Invitations.InsertBatchAsync(batch, default));
                    if (inserted == BatchInsertStatus.Inserted)
                    {
                        ids.AddRange(batch.Invitations.Select(i => i.Id));
                    }

                    done = $"batch of {batch.Invitations.Count} in {account}: {inserted}";
                    break;
                case 2 when known is not null:
                    // Each store changes its own copy: the database store persists the expiry of an overdue duplicate
                    // when a batch for its address comes in, the in-memory one leaves it pending in effect only.
                    var status = (InvitationStatus)random.Next(2, 5);
                    done = $"{status} {known.Id}: " + await EachAsync(stores, known.Id, async (s, current) => await s.Invitations.TryUpdateAsync(
                        current with { Status = status, ResolvedAt = now, ResolvedBy = "owner" }, default) is not null);
                    break;
                case 3 when known is not null && known.ExpiresAt > now: // the manager accepts only a live invitation
                    var member = new Member(known.AccountId, "u-" + known.EmailKey, known.Roles, false, now, known.Id);
                    var release = random.Next(2) == 0 ? known.EmailKey : null;
                    done = $"accept {known.Id}: " + await EachAsync(stores, known.Id, async (s, current) =>
                    {
                        var acceptance = new Acceptance(current with { Status = InvitationStatus.Accepted, ResolvedAt = now, ResolvedBy = member.UserId }, member, false);
                        return (release is null
                            ? await s.Members.AcceptAsync(acceptance, default)
                            : await s.Combined.AcceptAndReleaseOtpAttemptAsync(acceptance, release, new SecretHash(new byte[SecretHash.Size]), default)).Status;
                    });
                    break;
                case 4 when known is { Revision: 1 }:
                    foreach (var store in stores)
                    {
                        await store.Invitations.DeleteNewAsync([known.Id], default);
                    }

                    done = $"withdraw {known.Id}";
                    break;
                case 5:
                    var owner = new Member(account, "owner-" + account, ["OWNER"], true, now, null);
                    done = $"founding owner of {account}: {await BothAsync(stores, doing, s => s.Members.TryAddFoundingOwnerAsync(owner, default))}";
                    break;
                case 6:
                    Member[] imported = [new(account, "owner-" + account, ["OWNER"], true, now, null), new(account, $"imported-{random.Next(4)}", ["VIEWER"], false, now, null)];
                    var import = new MemberImportBatch(account, 1000, now, imported);
                    done = $"import into {account}: {await BothAsync(stores, doing, async s => (await s.Members.ImportMembersAsync(import, default)).Status)}";
                    break;
                case 7:
                    var userId = random.Next(3) switch { 0 => "owner-" + account, 1 => $"imported-{random.Next(4)}", _ => "u-" + Emails[random.Next(Emails.Length)] };
                    done = $"remove {userId} from {account}: {await BothAsync(stores, doing, s => s.Members.RemoveMemberAsync(account, userId, default))}";
                    break;
                case 8:
                    now += Duration.FromHours(random.Next(1, 30));
                    done = $"clock at {now}";
                    break;
            }

            foreach (var each in Accounts)
            {
                var seats = await BothAsync(stores, $"step {step} ({done ?? "nothing"}): seats of {each}", s => s.Members.CountOccupiedSeatsAsync(each, now, default));
                Assert.True(seats >= 0);
                foreach (var status in Statuses)
                {
                    var query = new InvitationQuery(each, status, Limit: 1000);
                    var what = $"step {step} ({done ?? "nothing"}): the total of {each}, {status?.ToString() ?? "any status"}";
                    foreach (var store in stores) // each against its own rows: a withdrawal or a revoke may find a different copy in each
                    {
                        var total = (await store.Invitations.ListAsync(query, now, default)).TotalCount;
                        var real = (await store.Invitations.ListAsync(query with { IncludeTotal = false }, now, default)).Items.Count;
                        Assert.True(real == total, $"{what}: {total}, but the list holds {real} ({(store == model ? "the model" : "the database store")})");
                    }
                }
            }
        }
    }

    /// <summary>Runs the call on both stores and asserts they answer alike.</summary>
    private static async Task<T> BothAsync<T>(InvitationStoreSet[] stores, string what, Func<InvitationStoreSet, Task<T>> call)
    {
        var database = await call(stores[0]);
        var model = await call(stores[1]);
        Assert.True(EqualityComparer<T>.Default.Equals(model, database), $"{what}: the database store says {database}, the model {model}");
        return database;
    }

    /// <summary>Runs the call on each store with its own copy of the invitation, when that copy is still pending.</summary>
    private static async Task<string> EachAsync<T>(InvitationStoreSet[] stores, Guid id, Func<InvitationStoreSet, Invitation, Task<T>> call)
    {
        var answers = new List<string>();
        foreach (var store in stores)
        {
            answers.Add(await store.Invitations.FindByIdAsync(id, default) is { Status: InvitationStatus.Pending } current ? $"{await call(store, current)}" : "not pending");
        }

        return string.Join(" / ", answers);
    }

    private static async Task<BatchInsertStatus> BothAsync(InvitationStoreSet[] stores, string what, Func<InvitationStoreSet, Task<BatchInsertResult>> call) =>
        await BothAsync(stores, what, async s => (await call(s)).Status);
}
