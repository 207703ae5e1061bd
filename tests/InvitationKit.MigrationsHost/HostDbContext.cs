using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace InvitationKit.MigrationsHost;

/// <summary>The host's context: Identity's tables, the host's own, and InvitationKit's model.</summary>
/// <param name="options">The options.</param>
public abstract class HostDbContext(DbContextOptions options) : IdentityDbContext(options)
{
    /// <summary>The host's own table.</summary>
    public DbSet<Order> Orders => Set<Order>();

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<Order>().ToTable("host_orders");
        builder.ApplyInvitationKitModel();
    }
}
