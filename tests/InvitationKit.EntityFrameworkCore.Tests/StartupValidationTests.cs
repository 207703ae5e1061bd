using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace InvitationKit.EntityFrameworkCore.Tests;

/// <summary>Misconfigurations of the EF Core store are reported at start-up, with the fix in the message.</summary>
public sealed class StartupValidationTests
{
    [Fact]
    public void A_context_that_is_not_registered_is_reported()
    {
        var failures = Validate(services => { });
        Assert.Contains(failures, f => f.Contains("call services.AddDbContext<InvitationKitDbContext>", StringComparison.Ordinal));
    }

    [Fact]
    public void A_model_without_the_invitationkit_tables_is_reported()
    {
        var failures = Validate(services => services.AddDbContext<PlainContext>(o => o.UseSqlite("Data Source=:memory:")), plain: true);
        Assert.Contains(failures, f => f.Contains("call modelBuilder.ApplyInvitationKitModel() in PlainContext.OnModelCreating", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_correct_registration_passes_on_sqlite() => await PassesWithTheSchemaAsync(InvitationKitDatabase.Sqlite);

    [PostgresFact]
    public async Task A_correct_registration_passes_on_postgresql() => await PassesWithTheSchemaAsync(InvitationKitDatabase.PostgreSql);

    [Fact]
    public async Task A_missing_schema_is_reported_on_sqlite() => await MissingSchemaIsReportedAsync(InvitationKitDatabase.Sqlite);

    [PostgresFact]
    public async Task A_missing_schema_is_reported_on_postgresql() => await MissingSchemaIsReportedAsync(InvitationKitDatabase.PostgreSql);

    [Fact]
    public async Task An_old_schema_is_reported_on_sqlite() => await OldSchemaIsReportedAsync(InvitationKitDatabase.Sqlite);

    [PostgresFact]
    public async Task An_old_schema_is_reported_on_postgresql() => await OldSchemaIsReportedAsync(InvitationKitDatabase.PostgreSql);

    [Fact]
    public void An_unreachable_database_is_reported_with_the_reason()
    {
        var missingFolder = Path.Combine(Path.GetTempPath(), $"invitationkit-missing-{Guid.NewGuid():N}", "db.sqlite");
        var failures = Validate(services => services.AddDbContext<InvitationKitDbContext>(o => o.UseSqlite($"Data Source={missingFolder};Mode=ReadOnly")));
        Assert.Contains(failures, f => f.Contains("could not read its schema version", StringComparison.Ordinal));
    }

    private static async Task PassesWithTheSchemaAsync(InvitationKitDatabase kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        Assert.Empty(Validate(database));
    }

    private static async Task MissingSchemaIsReportedAsync(InvitationKitDatabase kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind, applySchema: false);
        var failure = Assert.Single(Validate(database));
        Assert.Contains("has no InvitationKit tables: call await InvitationKitSchema.ApplyAsync(context) at start-up", failure, StringComparison.Ordinal);
    }

    private static async Task OldSchemaIsReportedAsync(InvitationKitDatabase kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind, applySchema: false);
        await using (var context = database.NewContext())
        {
            // A version-1 installation: its script and its history row.
            await context.Database.ExecuteSqlRawAsync(InvitationKitSchema.GetScripts(kind)[0].Sql);
            await context.Database.ExecuteSqlRawAsync("CREATE TABLE invitationkit_schema_history (version integer NOT NULL PRIMARY KEY, applied_at bigint NOT NULL)");
            await context.Database.ExecuteSqlRawAsync("INSERT INTO invitationkit_schema_history (version, applied_at) VALUES (1, 0)");
        }

        var latest = InvitationKitSchema.GetScripts(kind)[^1].Version;
        var failure = Assert.Single(Validate(database));
        Assert.Contains($"schema version 1; this version of InvitationKit needs {latest}", failure, StringComparison.Ordinal);

        await using (var context = database.NewContext())
        {
            await InvitationKitSchema.ApplyAsync(context);
        }

        Assert.Empty(Validate(database));
    }

    private static IReadOnlyList<string> Validate(TestDatabase database) => OptionsValidation.Failures(database);

    private static IReadOnlyList<string> Validate(Action<IServiceCollection> register, bool plain = false) => OptionsValidation.Failures((services, kit) =>
    {
        register(services);
        _ = plain ? kit.UseEntityFrameworkCore<PlainContext>() : kit.UseEntityFrameworkCore<InvitationKitDbContext>();
    });

    private sealed class PlainContext(DbContextOptions<PlainContext> options) : DbContext(options);
}
