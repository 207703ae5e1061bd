using InvitationKit.EntityFrameworkCore.Model;
using InvitationKit.EntityFrameworkCore.Stores;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace InvitationKit.EntityFrameworkCore;

/// <summary>
/// Reports, with the fix, a context that is not registered, a model without InvitationKit's tables, an unsupported
/// database, or a database whose schema is missing or older than this package needs — at start-up with
/// <c>ValidateOnStart</c>, instead of "Cannot create a DbSet" or "no such table" on the first invitation. Only the
/// schema check opens a connection: one query for the version and one of the catalog (the columns, defaults, triggers and
/// indexes the kit needs: tables made by <c>EnsureCreated</c> or a migration lack them), once per process.
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

        DatabaseDialect dialect;
        try
        {
            dialect = DatabaseDialect.For(db);
        }
        catch (NotSupportedException unsupported)
        {
            return ValidateOptionsResult.Fail(unsupported.Message);
        }

        return CheckSchema(db, dialect.Database);
    }

    // The one check that reads the database: a missing or old schema fails here, not as "no such table" on a request.
    private static ValidateOptionsResult CheckSchema(TContext db, InvitationKitDatabase database)
    {
        const string Fix = "call await InvitationKitSchema.ApplyAsync(context) at start-up, before the host starts (or have your DBA run the scripts of InvitationKitSchema.GetScripts)";
        var required = InvitationKitSchema.GetScripts(database)[^1].Version;
        int? applied;
        try
        {
            applied = InvitationKitSchema.AppliedVersion(db);
        }
        catch (DbException unreachable)
        {
            return ValidateOptionsResult.Fail($"InvitationKit could not read its schema version from the {database} database ({unreachable.Message}). Check the connection string and that the database is reachable.");
        }

        if (applied is null)
        {
            return ValidateOptionsResult.Fail($"The {database} database has no InvitationKit tables: {Fix}.");
        }

        if (applied < required)
        {
            return ValidateOptionsResult.Fail($"The {database} database has InvitationKit schema version {applied}; this version of InvitationKit needs {required}: {Fix}.");
        }

        var missing = SchemaCheck.Missing(db, database, RawSql.Query<string>(db, SchemaCheck.Catalog(database)).ToList());
        return missing.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(SchemaCheck.Describe(database, missing));
    }
}
