using System.Data.Common;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace InvitationKit.EntityFrameworkCore.Tests;

/// <summary>
/// On PostgreSQL a batch's delivery record commits without waiting for the disk (a record lost to a database crash is a
/// mail sent again when its lease lapses), in its own implicit transaction only: inside a transaction of the host's,
/// the host's durability stands.
/// </summary>
public sealed class DeliveryRecordDurabilityTests
{
    private static readonly DeliveryRecord[] Records = [new(Guid.NewGuid(), new SecretHash(RandomNumberGenerator.GetBytes(32)), DeliveryState.Sent, null)];

    [PostgresFact]
    public async Task A_delivery_record_of_its_own_commits_without_waiting_for_the_disk_on_postgresql() =>
        Assert.StartsWith("SELECT set_config('synchronous_commit', 'off', true);", await RecordAsync(InvitationKitDatabase.PostgreSql), StringComparison.Ordinal);

    [PostgresFact]
    public async Task Inside_the_hosts_transaction_a_delivery_record_keeps_the_hosts_durability_on_postgresql()
    {
        await using var database = await TestDatabase.CreateAsync(InvitationKitDatabase.PostgreSql);
        await using var context = database.NewContext();
        await using var transaction = await context.Database.BeginTransactionAsync();
        Assert.Equal(0, await database.NewStore(context).RecordDeliveriesAsync(Records, default));
        Assert.Equal("on", await context.Database.SqlQueryRaw<string>("SELECT current_setting('synchronous_commit') AS \"Value\"").SingleAsync());
    }

    [Fact]
    public async Task SQLite_records_deliveries_as_it_commits_everything_else() =>
        Assert.StartsWith("UPDATE ", await RecordAsync(InvitationKitDatabase.Sqlite), StringComparison.Ordinal);

    /// <summary>Records a delivery (of no invitation) on a context of its own; returns the one command it sent.</summary>
    private static async Task<string> RecordAsync(InvitationKitDatabase kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var recorder = new Recorder();
        await using var context = new InvitationKitDbContext(new DbContextOptionsBuilder<InvitationKitDbContext>(TestDatabase.Options(database.Kind, database.ConnectionString)).AddInterceptors(recorder).Options);
        Assert.Equal(0, await database.NewStore(context).RecordDeliveriesAsync(Records, default));
        return Assert.Single(recorder.Commands);
    }

    private sealed class Recorder : DbCommandInterceptor
    {
        public List<string> Commands { get; } = [];

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Commands.Add(command.CommandText);
            return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
