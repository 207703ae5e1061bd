// The HTTP endpoints under load (benchmarks/README.md, "The HTTP endpoints under load").
//   dotnet run -c Release --project benchmarks/InvitationKit.LoadTest -- [--seconds 30] [--concurrency 16] [--accounts 8]
//     makes a PostgreSQL database on the machine's cluster (as the tests do: run as root) or on INVITATIONKIT_POSTGRES,
//     runs two instances of this program in host mode on it, drives them, checks the database and drops it again.
//     Exit code 1 when a check fails or an answer was neither 2xx nor an expected seat refusal.
//   … host <connection string> <base64 key> <name> <mail failure rate>   one app instance (started by the run)
using System.Globalization;
using System.Runtime.InteropServices;
using InvitationKit.EntityFrameworkCore;
using InvitationKit.LoadTest;
using InvitationKit.Shared;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Microsoft.EntityFrameworkCore;
using Npgsql;

if (args is ["host", var connectionString, var key, var name, var failureRate])
{
    var (app, address) = await LoadHost.StartAsync(connectionString, Convert.FromBase64String(key), name, double.Parse(failureRate, CultureInfo.InvariantCulture));
    Console.WriteLine($"LISTENING {address}");
    await app.WaitForShutdownAsync();
    return 0;
}

var settings = new LoadSettings
{
    Duration = TimeSpan.FromSeconds(Option("--seconds", 30)),
    Concurrency = Option("--concurrency", 16),
    Accounts = Option("--accounts", 8),
};
Console.WriteLine($"{RuntimeInformation.OSDescription}, {Environment.ProcessorCount} logical cores, {RuntimeInformation.FrameworkDescription}");
Console.WriteLine($"{settings.Concurrency} concurrent requests for {settings.Duration.TotalSeconds} s (after {settings.WarmUp.TotalSeconds} s of warm-up) over 2 instances, "
    + $"{settings.Accounts} accounts ({settings.TightAccounts} with {settings.TightLimit} seats), 1–{settings.MaxBatch} recipients an invite, {settings.MailFailureRate:P0} of first mail attempts failing");

string admin, role = string.Empty;
if (Environment.GetEnvironmentVariable("INVITATIONKIT_POSTGRES") is { Length: > 0 } configured)
{
    admin = configured;
}
else
{
    (_, role, admin) = PostgresCluster.CreateRole("invitationkit_load");
}

var database = "ik_load_" + Guid.NewGuid().ToString("N")[..12];
await using (var create = new NpgsqlConnection(admin))
{
    await create.OpenAsync();
    await using var command = new NpgsqlCommand($"CREATE DATABASE {database}", create);
    await command.ExecuteNonQueryAsync();
}

var databaseConnection = new NpgsqlConnectionStringBuilder(admin) { Database = database }.ConnectionString;
try
{
    await using (var context = new InvitationKitDbContext(new DbContextOptionsBuilder<InvitationKitDbContext>().UseNpgsql(databaseConnection).Options))
    {
        await InvitationKitSchema.ApplyAsync(context);
    }

    var report = await LoadRun.RunAsync(databaseConnection, typeof(LoadRun).Assembly.Location, settings, Console.WriteLine);
    Console.WriteLine(report.Checked);
    var injected = report.HostLogs.Count(l => l.Contains(LoadSettings.InjectedMailFailure, StringComparison.Ordinal));
    Console.WriteLine($"instances logged {injected} injected mail failures (retried by the dispatchers)");
    foreach (var line in report.HostLogs.Where(l => !l.Contains(LoadSettings.InjectedMailFailure, StringComparison.Ordinal)).Take(50))
    {
        Console.WriteLine($"instance log: {line}");
    }

    var unexpected = report.Phases.SelectMany(p => p.Unexpected).ToList();
    foreach (var finding in report.Findings.Take(50).Concat(unexpected.Select(a => $"unexpected answer: {a.Key} ×{a.Value}")))
    {
        Console.WriteLine($"FAILED: {finding}");
    }

    Console.WriteLine(report.Findings.Count == 0 && unexpected.Count == 0 ? "all checks passed" : $"{report.Findings.Count} findings");
    return report.Findings.Count == 0 && unexpected.Count == 0 ? 0 : 1;
}
finally
{
    await PostgresDatabases.DropAsync(admin, database);
    if (role.Length > 0)
    {
        NpgsqlConnection.ClearAllPools();
        PostgresCluster.DropRole(new NpgsqlConnectionStringBuilder(admin).Port.ToString(CultureInfo.InvariantCulture), role);
    }
}

int Option(string name, int fallback) =>
    Array.IndexOf(args, name) is var at and >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
