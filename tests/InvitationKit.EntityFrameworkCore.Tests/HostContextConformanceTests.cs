using InvitationKit.Testing.Conformance;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace InvitationKit.EntityFrameworkCore.Tests;

/// <summary>
/// What an integrator does: the conformance kit against the EF Core store on the host's own context (its own tables
/// beside InvitationKit's), through the public <see cref="InvitationKitStores"/> entry point.
/// </summary>
public sealed class HostContextConformanceTests : InvitationStoreConformanceTests
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"invitationkit-host-{Guid.NewGuid():N}.db");

    protected override async Task CreateEmptyDatabaseAsync()
    {
        await using var context = NewContext();
        // The host's own table (its migrations would make it), then InvitationKit's from the shipped scripts.
        await context.Database.ExecuteSqlRawAsync("CREATE TABLE host_orders (Id INTEGER NOT NULL PRIMARY KEY, Customer TEXT NOT NULL)");
        await InvitationKitSchema.ApplyAsync(context);
    }

    protected override Task<StoreHandle> OpenStoreAsync()
    {
        var context = NewContext();
        return Task.FromResult(new StoreHandle(InvitationKitStores.Create(context), context));
    }

    protected override Task DropDatabaseAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
        {
            File.Delete(file);
        }

        return Task.CompletedTask;
    }

    private HostContext NewContext() => new(new DbContextOptionsBuilder<HostContext>().UseSqlite($"Data Source={_path};Default Timeout=60").Options);

    private sealed class HostContext(DbContextOptions<HostContext> options) : DbContext(options)
    {
        protected override void OnModelCreating(ModelBuilder modelBuilder)
        {
            modelBuilder.Entity<Order>().ToTable("host_orders");
            modelBuilder.ApplyInvitationKitModel();
        }
    }

    private sealed class Order
    {
        public int Id { get; set; }

        public string Customer { get; set; } = string.Empty;
    }
}
