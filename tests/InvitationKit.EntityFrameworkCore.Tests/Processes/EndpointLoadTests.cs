using InvitationKit.LoadTest;
using Xunit.Abstractions;

namespace InvitationKit.EntityFrameworkCore.Tests.Processes;

/// <summary>
/// The HTTP endpoints under a short load: two app instances as OS processes (benchmarks/InvitationKit.LoadTest in host
/// mode: <c>MapInvitationKit</c>, the EF Core store and the throttles on one PostgreSQL database, the hosted dispatcher)
/// take a few hundred concurrent invites and accepts, split over both, with a share of mail failing first. Afterwards,
/// with all due mail drained: every acknowledged invitation is stored and was mailed exactly once, every acknowledged
/// acceptance made its member, nothing is stored unacknowledged, and each account's seats — as both instances answer them
/// and as its counter holds them — are exactly its members plus pending invitations, within its limit, also in the
/// accounts whose last seats were raced for. No timing is asserted; benchmarks/README.md has the figures of a longer run.
/// </summary>
public sealed class EndpointLoadTests(ITestOutputHelper output)
{
    [PostgresFact]
    public async Task Two_instances_under_load_keep_seats_exact_and_store_and_mail_every_acknowledged_invitation_once()
    {
        await using var database = await TestDatabase.CreateAsync(InvitationKitDatabase.PostgreSql);
        var settings = new LoadSettings
        {
            Accounts = 4,
            TightAccounts = 2,
            TightLimit = 20,
            Concurrency = 8,
            WarmUp = TimeSpan.Zero,
            Duration = TimeSpan.FromSeconds(30),
            MaxRequests = 400,
            MailFailureRate = 0.05,
        };

        var report = await LoadRun.RunAsync(database.ConnectionString, typeof(LoadRun).Assembly.Location, settings, output.WriteLine);

        output.WriteLine(report.Checked);
        Assert.Empty(report.Findings);
        Assert.Empty(report.Measured.Unexpected);
        Assert.NotEmpty(report.Measured.Invitations);
        Assert.NotEmpty(report.Measured.Acceptances);
        Assert.Contains(report.HostLogs, line => line.Contains(LoadSettings.InjectedMailFailure, StringComparison.Ordinal)); // the dispatchers had mail to retry
        Assert.True(report.Measured.Answers.GetValueOrDefault("invite 409 UserLimitExceeded") > 0, "the tight accounts' last seats were raced for");
    }
}
