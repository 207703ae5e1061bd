using InvitationKit.EntityFrameworkCore.Model;
using InvitationKit.EntityFrameworkCore.Stores;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace InvitationKit.EntityFrameworkCore;

/// <summary>
/// Reports, with the fix, a context that is not registered, a model without InvitationKit's tables, or an unsupported
/// database — at start-up with <c>ValidateOnStart</c>, instead of "Cannot create a DbSet" on the first invitation.
/// Creating the context opens no connection.
/// </summary>
internal sealed class EntityFrameworkCoreStoreValidator<TContext>(IServiceProvider services) : IValidateOptions<InvitationKitOptions>
    where TContext : DbContext
{
    public ValidateOptionsResult Validate(string? name, InvitationKitOptions options)
    {
        var context = typeof(TContext).Name;
        if (!services.GetRequiredService<IServiceProviderIsService>().IsService(typeof(TContext)))
        {
            return ValidateOptionsResult.Fail(
                $"UseEntityFrameworkCore<{context}>() needs {context} registered: call services.AddDbContext<{context}>(o => o.UseSqlite(...) or o.UseNpgsql(...)).");
        }

        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        if (db.Model.FindEntityType(typeof(InvitationEntity)) is null)
        {
            return ValidateOptionsResult.Fail(
                $"{context}'s model has no InvitationKit tables: call modelBuilder.ApplyInvitationKitModel() in {context}.OnModelCreating, or use InvitationKitDbContext.");
        }

        try
        {
            DatabaseDialect.For(db);
        }
        catch (NotSupportedException unsupported)
        {
            return ValidateOptionsResult.Fail(unsupported.Message);
        }

        return ValidateOptionsResult.Success;
    }
}
