using InvitationKit.Delivery;
using System.Data.Common;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace InvitationKit.EntityFrameworkCore.Tests;

/// <summary>
/// Database round trips per operation, counted by an EF Core interceptor (every command, and every commit), on SQLite
/// and PostgreSQL: an invite's stay flat from 1 to 20 recipients, a seat count or a list page is one round trip, and the
/// dispatcher drains 100 due mails in three.
/// </summary>
public sealed class RoundTripTests(ITestOutputHelper output)
{
    // The actor's membership with the account's email domains (one command), the lock with the batch's check (one
    // command), the insert, the commit, and the record of the mails sent.
    private const int InviteTarget = 5;

    // Read the link, then swap and insert: on PostgreSQL one statement, on SQLite one command in a transaction, and its commit.
    private const int AcceptTargetPostgreSql = 2;
    private const int AcceptTargetSqlite = 3;

    // The asker's membership and what it authorizes, in one command.
    private const int ReadTarget = 1;

    // Reserve an attempt and read the address's invitations (one command), claim, accept with the attempt's release, commit.
    private const int ActivateTarget = 5;

    // Find the due mail, claim it (one statement), record the outcomes: per chunk of 100 mails, the sends aside; and, with a
    // notice mailer registered (rules 22, 23), one read of the due notices per dispatch.
    private const int DispatchTarget = 3 + 1;

    [Fact]
    public Task Round_trips_stay_within_the_targets_on_sqlite() => CountAsync(InvitationKitDatabase.Sqlite);

    [PostgresFact]
    public Task Round_trips_stay_within_the_targets_on_postgresql() => CountAsync(InvitationKitDatabase.PostgreSql);

    private async Task CountAsync(InvitationKitDatabase kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var counter = new RoundTripCounter();
        var clock = new FakeClock(Instant.FromDateTimeUtc(DateTime.UtcNow));
        var services = new ServiceCollection();
        services.AddDbContext<InvitationKitDbContext>(o => database.Configure(o).AddInterceptors(counter));
        services.AddInvitationKit(o => (o.SecretKey, o.RateLimits) = (RandomNumberGenerator.GetBytes(32), InvitationRateLimitOptions.Unlimited()))
            .UseInMemoryPorts()
            .UseFakeClock(clock)
            .UseEntityFrameworkCore<InvitationKitDbContext>();
        await using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<InMemoryAccountDirectory>().Add(new AccountInfo("acme", "Acme"));
        var users = provider.GetRequiredService<InMemoryUserDirectory>();
        var mailer = provider.GetRequiredService<CapturingMailer>();
        var owner = Actor.User("owner");
        await using (var setup = provider.CreateAsyncScope())
        {
            Assert.True((await setup.ServiceProvider.GetRequiredService<IInvitationManager>().AddFoundingOwnerAsync("acme", "owner")).Succeeded); // also the start-up checks
        }

        async Task<int> MeasureAsync(Func<IInvitationManager, Task<bool>> operation)
        {
            await using var scope = provider.CreateAsyncScope();
            var kit = scope.ServiceProvider.GetRequiredService<IInvitationManager>();
            counter.Reset();
            Assert.True(await operation(kit));
            Assert.Equal(1, counter.Opens); // one connection serves the whole operation
            return counter.Count;
        }

        var generation = 0;
        foreach (var size in new[] { 1, 5, 20 })
        {
            foreach (var registered in new[] { false, true })
            {
                var emails = Enumerable.Range(0, size).Select(i => $"g{generation}-{i}@example.com").ToArray();
                generation++;
                if (registered)
                {
                    Array.ForEach(emails, e => users.AddUser(e));
                }

                var trips = await MeasureAsync(async kit => (await kit.InviteAsync(owner, new InviteRequest("acme", "cloud", [.. emails.Select(e => new InviteRecipient(e, "VIEWER"))]))).Succeeded);
                output.WriteLine($"{kind}: invite of {size} {(registered ? "existing" : "new")} users: {trips} round trips");
                Assert.InRange(trips, 1, InviteTarget);
            }
        }

        var seats = await MeasureAsync(async kit => (await kit.GetSeatUsageAsync(owner, "acme")).Value.Occupied > 0);
        var page = await MeasureAsync(async kit => (await kit.ListAsync(owner, new InvitationQuery("acme", Limit: 10))).Value.Items.Count == 10);
        output.WriteLine($"{kind}: seat usage: {seats} round trips; list page with its total: {page}");
        Assert.Equal(ReadTarget, seats);
        Assert.Equal(ReadTarget, page);

        var bob = users.AddUser("bob@example.com");
        await MeasureAsync(async kit => (await kit.InviteAsync(owner, new InviteRequest("acme", "cloud", [new InviteRecipient("bob@example.com")]))).Succeeded);
        var accept = await MeasureAsync(async kit => (await kit.AcceptAsync(mailer.LastTo("bob@example.com").Secret, new SignedInIdentity(bob.Id, "bob@example.com", "password", EmailVerified: true))).Succeeded);
        output.WriteLine($"{kind}: accept: {accept} round trips");
        Assert.InRange(accept, 1, kind == InvitationKitDatabase.PostgreSql ? AcceptTargetPostgreSql : AcceptTargetSqlite);

        await MeasureAsync(async kit => (await kit.InviteAsync(owner, new InviteRequest("acme", "cloud", [new InviteRecipient("new@example.com")]))).Succeeded);
        var activate = await MeasureAsync(async kit => (await kit.ActivateAsync(new ActivationRequest("new@example.com", mailer.LastTo("new@example.com").OneTimePassword!, "a long enough password"))).Succeeded);
        output.WriteLine($"{kind}: activate: {activate} round trips");
        Assert.InRange(activate, 1, ActivateTarget);

        // 100 mails failed at the invite come due together: the dispatcher claims and records them in one statement each.
        mailer.FailWhen = _ => true;
        for (var batch = 0; batch < 5; batch++)
        {
            var emails = Enumerable.Range(0, 20).Select(i => $"due{batch}-{i}@example.com").ToArray();
            await MeasureAsync(async kit => (await kit.InviteAsync(owner, new InviteRequest("acme", "cloud", [.. emails.Select(e => new InviteRecipient(e, "VIEWER"))]))).Succeeded);
        }

        mailer.FailWhen = null;
        clock.Advance(Duration.FromHours(1));
        await using (var scope = provider.CreateAsyncScope())
        {
            counter.Reset();
            var report = await scope.ServiceProvider.GetRequiredService<IInvitationDispatcher>().DispatchAsync(100);
            output.WriteLine($"{kind}: dispatch of {report.Sent} due mails: {counter.Count} round trips");
            Assert.Equal(100, report.Sent);
            Assert.InRange(counter.Count, 1, DispatchTarget);
        }

        // A status change writes the columns that changed, not the whole row; a new user's revoke then clears the mark of
        // its pending user's release the same way.
        await MeasureAsync(async kit => (await kit.InviteAsync(owner, new InviteRequest("acme", "cloud", [new InviteRecipient("revoked@example.com")]))).Succeeded);
        var id = mailer.LastTo("revoked@example.com").InvitationId;
        await MeasureAsync(async kit => (await kit.RevokeAsync(owner, id)).Succeeded);
        var updates = counter.Commands.Where(c => c.TrimStart().StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase) && c.Contains("invitationkit_invitations", StringComparison.Ordinal)).ToArray();
        Assert.Equal(2, updates.Length);
        var set = SetClause(updates[0]);
        output.WriteLine($"{kind}: revoke writes: {set}; then: {SetClause(updates[1])}");
        Assert.Contains("status", set, StringComparison.Ordinal);
        Assert.Contains("revision", set, StringComparison.Ordinal);
        Assert.Contains("pending_user_release_due", set, StringComparison.Ordinal);
        Assert.DoesNotContain("status", SetClause(updates[1]), StringComparison.Ordinal);
        foreach (var untouched in new[] { "email", "roles", "account_id", "created_at", "secret_hash", "invited_by" })
        {
            Assert.DoesNotContain(untouched, set, StringComparison.Ordinal);
            Assert.DoesNotContain(untouched, SetClause(updates[1]), StringComparison.Ordinal);
        }
    }

    private static string SetClause(string update) =>
        update[(update.IndexOf("SET", StringComparison.OrdinalIgnoreCase) + 3)..update.IndexOf("WHERE", StringComparison.OrdinalIgnoreCase)].Trim();

    /// <summary>Counts every command EF sends and every commit.</summary>
    private sealed class RoundTripCounter : DbCommandInterceptor, IDbTransactionInterceptor, IDbConnectionInterceptor
    {
        private readonly List<string> _commands = [];
        private int _count;
        private int _opens;

        public int Count => Volatile.Read(ref _count);

        /// <summary>Connections opened since the last reset.</summary>
        public int Opens => Volatile.Read(ref _opens);

        /// <summary>The text of every command since the last reset.</summary>
        public IReadOnlyList<string> Commands
        {
            get { lock (_commands) { return [.. _commands]; } }
        }

        public void Reset()
        {
            Interlocked.Exchange(ref _count, 0);
            Interlocked.Exchange(ref _opens, 0);
            lock (_commands)
            {
                _commands.Clear();
            }
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default) =>
            Counted(base.ReaderExecutingAsync(command, eventData, result, cancellationToken), command);

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
            Counted(base.NonQueryExecutingAsync(command, eventData, result, cancellationToken), command);

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default) =>
            Counted(base.ScalarExecutingAsync(command, eventData, result, cancellationToken), command);

        public ValueTask<InterceptionResult> ConnectionOpeningAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _opens);
            return ValueTask.FromResult(result);
        }

        public ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default) =>
            Counted(ValueTask.FromResult(result));

        private ValueTask<T> Counted<T>(ValueTask<T> result, DbCommand? command = null)
        {
            if (command is not null)
            {
                lock (_commands)
                {
                    _commands.Add(command.CommandText);
                }
            }

            Interlocked.Increment(ref _count);
            return result;
        }
    }
}
