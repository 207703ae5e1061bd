using System.Net;
using System.Net.Http.Json;
using InvitationKit.AspNetCore.Endpoints;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;

namespace InvitationKit.AspNetCore.Tests.Endpoints;

/// <summary>
/// Issue 24, finding 5: the activation throttle per client (30 per 15 minutes) is keyed on
/// <see cref="InvitationKitEndpointOptions.ClientPartitionKey"/>. Behind a trusted proxy, <c>UseForwardedHeaders</c> gives
/// each client its own partition, so junk from one client never locks out another; a forged X-Forwarded-For from an
/// untrusted peer changes nothing; an IPv6 client is its /64, and an IPv4 client is one client however it arrives.
/// </summary>
public sealed class ClientPartitionTests
{
    private const string Proxy = "10.0.0.1";
    private const int PerClient = 30; // InvitationRateLimitOptions.ActivationsPerPartition's default

    [Fact]
    public async Task Junk_activations_through_a_trusted_reverse_proxy_do_not_lock_the_real_invitee_out()
    {
        await using var host = await KitHost.StartAsync(pipeline: TrustProxy);
        var (_, code) = await host.InviteNewUserAsync("nina@example.com");

        for (var i = 0; i < PerClient; i++)
        {
            using var junk = await ActivateAsync(host, $"junk-{i}@example.com", "000000", Proxy, forwardedFor: "203.0.113.66");
            Assert.Equal(HttpStatusCode.BadRequest, junk.StatusCode);
        }

        using var refused = await ActivateAsync(host, "junk-x@example.com", "000000", Proxy, forwardedFor: "203.0.113.66");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);

        using var nina = await ActivateAsync(host, "nina@example.com", code, Proxy, forwardedFor: "198.51.100.9");
        Assert.Equal(HttpStatusCode.OK, nina.StatusCode);
    }

    /// <summary>
    /// Issue 26: an anonymous attacker who knows the address, from many clients behind the proxy, spends the address's
    /// throttle and failure budget; the invitee, activating from the invitation's page (the link's secret in the body),
    /// is not stopped by either.
    /// </summary>
    [Fact]
    public async Task Wrong_codes_sprayed_at_the_invitees_address_from_many_clients_do_not_stop_her_activating_from_the_invitation_page()
    {
        await using var host = await KitHost.StartAsync(pipeline: TrustProxy);
        var (secret, code) = await host.InviteNewUserAsync("nina@example.com");
        for (var i = 0; i < 40; i++)
        {
            using var junk = await ActivateAsync(host, "nina@example.com", code == $"{i:D6}" ? "999999" : $"{i:D6}", Proxy, forwardedFor: $"203.0.113.{i}");
            Assert.True(junk.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.TooManyRequests);
        }

        using var bare = await ActivateAsync(host, "nina@example.com", code, Proxy, forwardedFor: "198.51.100.9");
        Assert.NotEqual(HttpStatusCode.OK, bare.StatusCode); // at the bare address, the attacker did stop her
        using var nina = await ActivateAsync(host, "nina@example.com", code, Proxy, forwardedFor: "198.51.100.9", secret: secret);
        Assert.Equal(HttpStatusCode.OK, nina.StatusCode);
    }

    [Fact]
    public async Task A_forged_x_forwarded_for_from_an_untrusted_peer_does_not_escape_the_throttle()
    {
        await using var host = await KitHost.StartAsync(pipeline: TrustProxy);
        for (var i = 0; i < PerClient; i++)
        {
            using var junk = await ActivateAsync(host, $"junk-{i}@example.com", "000000", "203.0.113.66", forwardedFor: $"198.51.100.{i}");
            Assert.Equal(HttpStatusCode.BadRequest, junk.StatusCode);
        }

        using var refused = await ActivateAsync(host, "junk-x@example.com", "000000", "203.0.113.66", forwardedFor: "198.51.100.200");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
    }

    [Fact]
    public async Task An_attacker_rotating_addresses_within_one_ipv6_64_is_one_client()
    {
        await using var host = await KitHost.StartAsync();
        var (_, code) = await host.InviteNewUserAsync("nina@example.com");
        for (var i = 0; i < PerClient; i++)
        {
            using var junk = await ActivateAsync(host, $"junk-{i}@example.com", "000000", $"2001:db8:7:7:{i + 1:x}::1");
            Assert.Equal(HttpStatusCode.BadRequest, junk.StatusCode);
        }

        using var refused = await ActivateAsync(host, "junk-x@example.com", "000000", "2001:db8:7:7:ffff:ffff:ffff:fffe");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);

        using var neighbour = await ActivateAsync(host, "nina@example.com", code, "2001:db8:7:8::1"); // the next /64 is another subscriber
        Assert.Equal(HttpStatusCode.OK, neighbour.StatusCode);
    }

    [Fact]
    public async Task An_ipv4_client_arriving_as_ipv4_mapped_ipv6_is_still_that_one_client()
    {
        await using var host = await KitHost.StartAsync();
        var (_, code) = await host.InviteNewUserAsync("nina@example.com");
        for (var i = 0; i < PerClient; i++)
        {
            // A dual-stack socket reports IPv4 clients as ::ffff:a.b.c.d; alternate both spellings of one client.
            using var junk = await ActivateAsync(host, $"junk-{i}@example.com", "000000", i % 2 == 0 ? "::ffff:203.0.113.66" : "203.0.113.66");
            Assert.Equal(HttpStatusCode.BadRequest, junk.StatusCode);
        }

        using var refused = await ActivateAsync(host, "junk-x@example.com", "000000", "::ffff:203.0.113.66");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);

        // Mapped IPv4 clients are never widened to the IPv6 /64 they share (::ffff:0:0/96): another one is not refused.
        using var other = await ActivateAsync(host, "nina@example.com", code, "::ffff:198.51.100.9");
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::", "2001:db8:1:2::/64")]
    [InlineData("fe80::1%3", "fe80::/64")]
    [InlineData("::1", "::/64")]
    public void The_default_partition_is_the_ipv4_address_or_the_ipv6_64(string remote, string partition)
    {
        var http = new DefaultHttpContext();
        http.Connection.RemoteIpAddress = IPAddress.Parse(remote);
        Assert.Equal(partition, InvitationKitEndpointOptions.DefaultClientPartitionKey(http));
        Assert.Null(InvitationKitEndpointOptions.DefaultClientPartitionKey(new DefaultHttpContext()));
    }

    [Fact]
    public async Task A_host_names_the_client_its_own_way()
    {
        // A proxy that names the client in a header of its own, which the host trusts because only the proxy reaches it.
        await using var host = await KitHost.StartAsync(endpoints: o => o.ClientPartitionKey = http => http.Request.Headers["Proxy-Client"].ToString());
        var (_, code) = await host.InviteNewUserAsync("nina@example.com");
        for (var i = 0; i < PerClient; i++)
        {
            using var junk = await ActivateAsync(host, $"junk-{i}@example.com", "000000", Proxy, configure: r => r.Headers.Add("Proxy-Client", "attacker"));
            Assert.Equal(HttpStatusCode.BadRequest, junk.StatusCode);
        }

        using var refused = await ActivateAsync(host, "junk-x@example.com", "000000", Proxy, configure: r => r.Headers.Add("Proxy-Client", "attacker"));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        using var nina = await ActivateAsync(host, "nina@example.com", code, Proxy, configure: r => r.Headers.Add("Proxy-Client", "nina"));
        Assert.Equal(HttpStatusCode.OK, nina.StatusCode);
    }

    private static void TrustProxy(WebApplication app)
    {
        var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor };
        options.KnownIPNetworks.Clear();
        options.KnownProxies.Clear();
        options.KnownProxies.Add(IPAddress.Parse(Proxy));
        app.UseForwardedHeaders(options);
    }

    private static Task<HttpResponseMessage> ActivateAsync(KitHost host, string email, string code, string peer, string? forwardedFor = null, Action<HttpRequestMessage>? configure = null, string? secret = null) =>
        host.SendAsync(HttpMethod.Post, "/invitee/activate", JsonContent.Create(new { email, oneTimePassword = code, password = "Nina-pass-1", secret }), peer, forwardedFor, configure);
}
