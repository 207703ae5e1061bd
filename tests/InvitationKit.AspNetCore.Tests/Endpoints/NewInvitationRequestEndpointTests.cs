using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using InvitationKit.Limits;
using InvitationKit.Testing;
using InvitationKit.Testing.Conformance;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace InvitationKit.AspNetCore.Tests.Endpoints;

/// <summary>
/// Rule 22 through <c>POST invitee/request-new-invitation</c>: the secret in the body, anonymous, one answer for every
/// secret, and a per-client limit taken before the link is looked up. On each store (<see cref="InMemory"/>,
/// <see cref="Sqlite"/>, <see cref="Postgres"/>), each test on a host of its own.
/// </summary>
public abstract class NewInvitationRequestEndpointTests
{
    /// <summary>Where the kit keeps its data in this class's hosts.</summary>
    protected abstract SampleStore Store { get; }

    [StoreFact]
    public async Task Probing_secrets_gets_one_answer_and_only_a_revoked_link_tells_its_inviter()
    {
        await using var host = await KitHost.StartAsync(store: Store);
        var (pending, _) = await host.InviteNewUserAsync("pending@example.com");
        var (revoked, _) = await host.InviteNewUserAsync("revoked@example.com");
        var revokedId = host.Services.GetRequiredService<CapturingMailer>().LastTo("revoked@example.com").InvitationId;
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var kit = scope.ServiceProvider.GetRequiredService<IInvitationManager>();
            Assert.True((await kit.RevokeAsync(Actor.Admin("support"), revokedId)).Succeeded);
        }

        var answers = new List<(HttpStatusCode Status, string Body)>();
        foreach (var secret in new[] { "not-a-link", pending, revoked, revoked })
        {
            using var response = await RequestAsync(host, secret, "198.51.100.7");
            answers.Add((response.StatusCode, await response.Content.ReadAsStringAsync()));
        }

        Assert.Single(answers.Distinct());
        Assert.Equal(HttpStatusCode.OK, answers[0].Status);

        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IInvitationDispatcher>().DispatchAsync();
        }

        var notice = Assert.Single(host.Services.GetRequiredService<CapturingNoticeMailer>().Sent);
        Assert.Equal(InvitationNoticeKind.NewInvitationRequested, notice.Kind);
        Assert.Equal(revokedId, notice.InvitationId);
        Assert.Equal(InvitationStatus.Revoked, notice.Status);
        Assert.DoesNotContain(revoked, JsonSerializer.Serialize(notice), StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task Flooding_requests_from_one_client_is_throttled_and_another_client_is_not()
    {
        await using var host = await KitHost.StartAsync(kit: o => o.RateLimits.NewInvitationRequestsPerPartition = new RateLimitRule(2, Duration.FromMinutes(15)), store: Store);
        for (var i = 0; i < 2; i++)
        {
            using var allowed = await RequestAsync(host, $"forged-{i}", "203.0.113.5");
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var refused = await RequestAsync(host, "forged-x", "203.0.113.5");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("RateLimited", JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
        using var other = await RequestAsync(host, "forged-y", "198.51.100.9");
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    private static Task<HttpResponseMessage> RequestAsync(KitHost host, string secret, string peer) =>
        host.SendAsync(HttpMethod.Post, "/invitee/request-new-invitation", JsonContent.Create(new { secret }), peer);

    /// <summary>The kit's store in memory.</summary>
    public sealed class InMemory : NewInvitationRequestEndpointTests
    {
        protected override SampleStore Store => SampleStore.InMemory;
    }

    /// <summary>A SQLite file.</summary>
    public sealed class Sqlite : NewInvitationRequestEndpointTests
    {
        protected override SampleStore Store => SampleStore.Sqlite;
    }

    /// <summary>A PostgreSQL database.</summary>
    [StoreAvailability(typeof(PostgresAvailability))]
    public sealed class Postgres : NewInvitationRequestEndpointTests
    {
        protected override SampleStore Store => SampleStore.Postgres;
    }
}
