using Microsoft.EntityFrameworkCore;

namespace InvitationKit.EntityFrameworkCore;

/// <summary>A ready context holding only InvitationKit's tables, for hosts that keep them in a context of their own.</summary>
public class InvitationKitDbContext : DbContext
{
    /// <summary>Creates the context.</summary>
    /// <param name="options">The options, e.g. from <c>services.AddDbContext&lt;InvitationKitDbContext&gt;(o =&gt; o.UseSqlite(...))</c>.</param>
    public InvitationKitDbContext(DbContextOptions<InvitationKitDbContext> options)
        : base(options)
    {
    }

    /// <summary>Creates the context for a derived type.</summary>
    /// <param name="options">The options.</param>
    protected InvitationKitDbContext(DbContextOptions options)
        : base(options)
    {
    }

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyInvitationKitModel();
    }
}
