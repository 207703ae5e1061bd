using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using InvitationKit.Limits;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace InvitationKit.AspNetCore.Tests.Endpoints;

/// <summary>
/// Issue 24 ("preview and reject are not throttled"): every unknown link costs a lookup per key of the ring. Previews and
/// rejects count against their client (<see cref="InvitationRateLimitOptions.PreviewsAndRejectsPerPartition"/>, keyed like
/// activations), before the kit looks the link up.
/// </summary>
public sealed class LinkProbingTests
{
    private const int Limit = 5;

    [Fact]
    public async Task Probing_unknown_links_from_one_client_is_throttled_before_any_lookup()
    {
        var linkCalls = new StrongBox<int>();
        await using var host = await KitHost.StartAsync(
            kit: o => o.RateLimits.PreviewsAndRejectsPerPartition = new RateLimitRule(Limit, Duration.FromMinutes(15)),
            services: s => CountingManager.Register(s, linkCalls));
        var (secret, _) = await host.InviteNewUserAsync("nina@example.com");

        for (var i = 0; i < Limit; i++)
        {
            using var probe = i % 2 == 0
                ? await PreviewAsync(host, $"forged-link-{i}", "203.0.113.66")
                : await RejectAsync(host, $"forged-link-{i}", "203.0.113.66");
            Assert.Equal(HttpStatusCode.NotFound, probe.StatusCode);
        }

        var before = Volatile.Read(ref linkCalls.Value);
        using var preview = await PreviewAsync(host, "forged-link-x", "203.0.113.66");
        using var reject = await RejectAsync(host, "forged-link-y", "203.0.113.66");
        foreach (var refused in new[] { preview, reject })
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.True(int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) > 0);
            Assert.Equal("RateLimited", JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
        }

        Assert.Equal(before, Volatile.Read(ref linkCalls.Value)); // refused before the kit looked anything up

        // Another client's real link is unaffected.
        using var nina = await PreviewAsync(host, secret, "198.51.100.9");
        Assert.Equal(HttpStatusCode.OK, nina.StatusCode);
    }

    [Fact]
    public async Task Rotating_addresses_within_one_ipv6_64_does_not_escape_the_link_throttle()
    {
        await using var host = await KitHost.StartAsync(kit: o => o.RateLimits.PreviewsAndRejectsPerPartition = new RateLimitRule(Limit, Duration.FromMinutes(15)));
        for (var i = 0; i < Limit; i++)
        {
            using var probe = await PreviewAsync(host, $"forged-link-{i}", $"2001:db8:9:9::{i + 1:x}");
            Assert.Equal(HttpStatusCode.NotFound, probe.StatusCode);
        }

        using var refused = await PreviewAsync(host, "forged-link-x", "2001:db8:9:9:abcd::1");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
    }

    private static Task<HttpResponseMessage> PreviewAsync(KitHost host, string secret, string peer) =>
        host.SendAsync(HttpMethod.Get, "/invitee/preview", null, peer, configure: r => r.Headers.Add("Invitation-Secret", secret));

    private static Task<HttpResponseMessage> RejectAsync(KitHost host, string secret, string peer) =>
        host.SendAsync(HttpMethod.Post, "/invitee/reject", JsonContent.Create(new { secret }), peer);

    /// <summary>The kit's manager as registered, counting the link lookups it is asked for (previews and rejects).</summary>
    public class CountingManager : DispatchProxy
    {
        private IInvitationManager _inner = null!;
        private StrongBox<int> _calls = null!;

        public static void Register(IServiceCollection services, StrongBox<int> calls)
        {
            var registered = services.Single(d => d.ServiceType == typeof(IInvitationManager));
            services.Remove(registered);
            services.AddScoped(sp =>
            {
                var proxy = Create<IInvitationManager, CountingManager>();
                var counting = (CountingManager)(object)proxy;
                (counting._inner, counting._calls) = ((IInvitationManager)ActivatorUtilities.CreateInstance(sp, registered.ImplementationType!), calls);
                return proxy;
            });
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            if (targetMethod?.Name is nameof(IInvitationManager.PreviewAsync) or nameof(IInvitationManager.RejectAsync))
            {
                Interlocked.Increment(ref _calls.Value);
            }

            return targetMethod!.Invoke(_inner, args);
        }
    }
}
