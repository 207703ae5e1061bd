using InvitationKit.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace InvitationKit.Samples.Starter;

/// <summary>The app's database: Identity's tables and, applied to the same model, the kit's.</summary>
/// <param name="options">The context's options.</param>
public sealed class StarterDbContext(DbContextOptions<StarterDbContext> options) : IdentityDbContext(options)
{
    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyInvitationKitModel();
    }
}
