using System.Globalization;
using System.Security.Cryptography;
using InvitationKit.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InvitationKit.LoadTest;

/// <summary>
/// One load run on a database with the kit's schema: seeds the accounts (an owner and admins each), starts two instances
/// as OS processes, runs the warm-up and the measured load over both, then checks the database (<see cref="LoadVerifier"/>).
/// </summary>
public static class LoadRun
{
    /// <summary>What a run measured and found.</summary>
    /// <param name="Measured">The measured phase.</param>
    /// <param name="Phases">Every phase, the warm-up first.</param>
    /// <param name="Findings">What the checks found wrong; empty when everything holds.</param>
    /// <param name="Checked">What the checks covered.</param>
    /// <param name="HostLogs">What the instances logged (warnings and errors).</param>
    public sealed record Report(LoadResult Measured, IReadOnlyList<LoadResult> Phases, IReadOnlyList<string> Findings, string Checked, IReadOnlyList<string> HostLogs);

    /// <summary>Runs the load.</summary>
    /// <param name="connectionString">A PostgreSQL database with the kit's schema applied (<c>InvitationKitSchema.ApplyAsync</c>).</param>
    /// <param name="hostAssembly">The path of InvitationKit.LoadTest.dll, started once per instance.</param>
    /// <param name="settings">What to run.</param>
    /// <param name="log">Progress.</param>
    public static async Task<Report> RunAsync(string connectionString, string hostAssembly, LoadSettings settings, Action<string> log)
    {
        var key = RandomNumberGenerator.GetBytes(32);
        await SeedAsync(connectionString, key, settings);
        var hosts = new List<HostProcess>();
        try
        {
            hosts.AddRange(await Task.WhenAll(new[] { "a", "b" }.Select(name => Task.Run(() => HostProcess.Start(hostAssembly, connectionString, key, name, settings.MailFailureRate)))));
            log($"instances listening at {string.Join(", ", hosts.Select(h => h.Address))}");
            using var generator = new LoadGenerator([.. hosts.Select(h => h.Address)], settings);
            var warmUp = await generator.RunAsync(settings.WarmUp);
            if (warmUp.Requests > 0)
            {
                log($"warm-up: {warmUp.Summary()}");
            }

            var before = hosts.Select(h => h.ProcessorTime).Append(Environment.CpuUsage.TotalTime).ToArray();
            var measured = await generator.RunAsync(settings.Duration, settings.MaxRequests);
            var used = hosts.Select(h => h.ProcessorTime).Append(Environment.CpuUsage.TotalTime).Select((t, i) => (t - before[i]).TotalSeconds).ToArray();
            log($"measured: {measured.Summary()}");
            log(string.Create(CultureInfo.InvariantCulture,
                $"processor time in the measured phase: instances {used[0]:F1} s + {used[1]:F1} s, load generator {used[2]:F1} s, of {Environment.ProcessorCount} cores × {measured.Elapsed.TotalSeconds:F1} s"));
            var (findings, covered) = await LoadVerifier.VerifyAsync(connectionString, generator, settings, [warmUp, measured], TimeSpan.FromSeconds(60));
            return new Report(measured, [warmUp, measured], findings, covered, [.. hosts.SelectMany(h => h.Log)]);
        }
        finally
        {
            hosts.ForEach(h => h.Dispose());
        }
    }

    /// <summary>Each account's owner and admins, imported as its members.</summary>
    private static async Task SeedAsync(string connectionString, byte[] key, LoadSettings settings)
    {
        var services = new ServiceCollection().AddLogging();
        LoadHost.AddKit(services, connectionString, key, new RecordingMailer("seed", 0));
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        var kit = scope.ServiceProvider.GetRequiredService<IInvitationManager>();
        for (var account = 0; account < settings.Accounts; account++)
        {
            var members = Enumerable.Range(0, settings.AdminsPerAccount)
                .Select(admin => new ImportedMember(LoadSettings.AdminId(account, admin), [WellKnownRoles.UserAdmin, "VIEWER"]))
                .Prepend(new ImportedMember(LoadSettings.OwnerId(account), ["VIEWER"], IsOwner: true));
            var imported = await kit.ImportMembersAsync(new MemberImport(settings.AccountId(account), [.. members]));
            if (!imported.Succeeded)
            {
                throw new InvalidOperationException($"Seeding {settings.AccountId(account)} failed: {imported.Errors[0].Message}");
            }
        }
    }
}
