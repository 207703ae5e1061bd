using System.Diagnostics;
using System.Xml.Linq;
using InvitationKit.Tests.Docs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InvitationKit.EntityFrameworkCore.Tests.Migrations;

/// <summary>
/// The documented database path of a host under EF Core migrations (docs/operations.md, "The schema"): Identity and the
/// kit's model in one context, the host's migrations made by the dotnet-ef tool hold none of the kit's tables, and the
/// kit's scripts make those. It ends with a working schema on SQLite and PostgreSQL — from scratch, and from a database
/// the version 1–7 scripts made before.
/// </summary>
public sealed class MigrationsTests
{
    private static readonly string Root = RepositoryFiles.Root;

    private static readonly string HostProject = Path.Combine(Root, "tests", "InvitationKit.MigrationsHost");

    [Fact]
    public void The_hosts_checked_in_migrations_make_none_of_the_kits_tables()
    {
        var migrations = Directory.GetFiles(Path.Combine(HostProject, "Migrations"), "*_Initial.cs", SearchOption.AllDirectories);
        Assert.Equal(2, migrations.Length);
        foreach (var migration in migrations)
        {
            var text = File.ReadAllText(migration);
            Assert.Contains("AspNetUsers", text, StringComparison.Ordinal);
            Assert.Contains("host_orders", text, StringComparison.Ordinal);
            Assert.DoesNotContain("invitationkit", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public Task Migrations_then_the_scripts_make_a_working_sqlite_database() => MigrateThenApply(InvitationKitDatabase.Sqlite);

    [PostgresFact]
    public Task Migrations_then_the_scripts_make_a_working_postgresql_database() => MigrateThenApply(InvitationKitDatabase.PostgreSql);

    [Fact]
    public Task A_sqlite_database_made_by_the_version_1_to_7_scripts_moves_onto_migrations() => UpgradeOntoMigrations(InvitationKitDatabase.Sqlite);

    [PostgresFact]
    public Task A_postgresql_database_made_by_the_version_1_to_7_scripts_moves_onto_migrations() => UpgradeOntoMigrations(InvitationKitDatabase.PostgreSql);

    /// <summary>
    /// The tool itself, as an adopter runs it: a copy of the host's data layer without migrations, <c>dotnet ef migrations
    /// add</c> and <c>dotnet ef database update</c> for each database, then the kit's scripts and README's story on it.
    /// The checked-in migrations have no pending model change.
    /// </summary>
    [PostgresFact]
    public async Task The_dotnet_ef_tool_makes_and_applies_migrations_that_leave_the_kits_tables_to_its_scripts()
    {
        var copy = Directory.CreateTempSubdirectory("invitationkit-host-");
        try
        {
            var project = WriteHostCopy(copy.FullName);
            Tool("tool", "restore");
            Tool("build", project, "-c", "Release");
            foreach (var kind in new[] { InvitationKitDatabase.Sqlite, InvitationKitDatabase.PostgreSql })
            {
                Tool("tool", "run", "dotnet-ef", "migrations", "add", "Initial", "--project", project, "--context", $"{kind}HostDbContext",
                    "--output-dir", Path.Combine("Migrations", kind.ToString()), "--configuration", "Release", "--no-build");
                var migration = File.ReadAllText(Directory.GetFiles(Path.Combine(copy.FullName, "Migrations", kind.ToString()), "*_Initial.cs").Single());
                Assert.Contains("AspNetUsers", migration, StringComparison.Ordinal);
                Assert.DoesNotContain("invitationkit", migration, StringComparison.Ordinal);
            }

            Tool("build", project, "-c", "Release");
            foreach (var kind in new[] { InvitationKitDatabase.Sqlite, InvitationKitDatabase.PostgreSql })
            {
                await using var database = await HostDatabase.CreateAsync(kind, migrate: false);
                Tool("tool", "run", "dotnet-ef", "database", "update", "--project", project, "--context", $"{kind}HostDbContext",
                    "--connection", database.ConnectionString, "--configuration", "Release", "--no-build");
                await using (var context = database.NewContext())
                {
                    Assert.EndsWith("_Initial", Assert.Single(await context.Database.GetAppliedMigrationsAsync()), StringComparison.Ordinal); // the tool's
                    Assert.NotEmpty(await InvitationKitSchema.ApplyAsync(context));
                }

                Assert.Empty(Validate(database));
                await HostFlow.RunAsync(database);
            }

            foreach (var context in new[] { "SqliteHostDbContext", "PostgreSqlHostDbContext" })
            {
                Tool("tool", "run", "dotnet-ef", "migrations", "has-pending-model-changes", "--project", Path.Combine(HostProject, "InvitationKit.MigrationsHost.csproj"),
                    "--context", context, "--configuration", "Release", "--no-build");
            }
        }
        finally
        {
            copy.Delete(recursive: true);
        }
    }

    private static async Task MigrateThenApply(InvitationKitDatabase kind)
    {
        await using var database = await HostDatabase.CreateAsync(kind);
        Assert.Empty(Validate(database));
        await HostFlow.RunAsync(database);
    }

    private static async Task UpgradeOntoMigrations(InvitationKitDatabase kind)
    {
        await using var database = await HostDatabase.CreateAsync(kind, migrate: false);
        await using (var context = database.NewContext())
        {
            // What the scripts made before this version: versions 1 to 7 and their history.
            await context.Database.ExecuteSqlRawAsync("CREATE TABLE invitationkit_schema_history (version integer NOT NULL PRIMARY KEY, applied_at bigint NOT NULL)");
            foreach (var (version, sql) in InvitationKitSchema.GetScripts(kind).Where(script => script.Version <= 7))
            {
                await context.Database.ExecuteSqlRawAsync(sql);
                await context.Database.ExecuteSqlAsync($"INSERT INTO invitationkit_schema_history (version, applied_at) VALUES ({version}, 0)");
            }

            await context.Database.MigrateAsync();
            Assert.Equal([8, 9, 10, 11, 12], await InvitationKitSchema.ApplyAsync(context));
        }

        Assert.Empty(Validate(database));
        await HostFlow.RunAsync(database);
    }

    private static IReadOnlyList<string> Validate(HostDatabase database) => OptionsValidation.Failures((services, kit) => database.Register(services, kit));

    /// <summary>The host's data layer without its migrations, as a project of its own outside the repository.</summary>
    private static string WriteHostCopy(string folder)
    {
        foreach (var source in Directory.GetFiles(HostProject, "*.cs"))
        {
            File.Copy(source, Path.Combine(folder, Path.GetFileName(source)));
        }

        var versions = XDocument.Load(Path.Combine(Root, "Directory.Packages.props")).Descendants("PackageVersion")
            .ToDictionary(p => (string)p.Attribute("Include")!, p => (string)p.Attribute("Version")!);
        string Reference(string package, string extra = "") => $"<PackageReference Include=\"{package}\" Version=\"{versions[package]}\"{extra} />";
        var project = Path.Combine(folder, "Host.csproj");
        File.WriteAllText(project, $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <RootNamespace>InvitationKit.MigrationsHost</RootNamespace>
              </PropertyGroup>
              <ItemGroup>
                <ProjectReference Include="{Path.Combine(Root, "src", "InvitationKit.EntityFrameworkCore", "InvitationKit.EntityFrameworkCore.csproj")}" />
                {Reference("Microsoft.AspNetCore.Identity.EntityFrameworkCore")}
                {Reference("Microsoft.EntityFrameworkCore.Sqlite")}
                {Reference("Npgsql.EntityFrameworkCore.PostgreSQL")}
                {Reference("Microsoft.EntityFrameworkCore.Design", " PrivateAssets=\"all\"")}
              </ItemGroup>
            </Project>
            """);
        return project;
    }

    /// <summary>Runs <c>dotnet</c> in the repository's root (where the tool manifest is), and fails with its output.</summary>
    private static void Tool(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(5)), $"dotnet {string.Join(' ', arguments)} took more than 5 minutes");
        Assert.True(process.ExitCode == 0, $"dotnet {string.Join(' ', arguments)} failed ({process.ExitCode}):\n{output.Result}\n{errors.Result}");
    }
}
