using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using InvitationKit.Ports;
using InvitationKit.Samples.Web.Data;
using InvitationKit.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace InvitationKit.AspNetCore.Tests.Endpoints;

/// <summary>
/// Issue 22, disabled accounts (rule 19), through the endpoints of the web sample with an account directory the test
/// switches: the account's managers and the link's holder get 403 <c>AccountDisabled</c>, a stranger what they got before.
/// </summary>
public sealed class DisabledAccountEndpointTests
{
    private const string Api = "/api/invitationkit";

    [Fact]
    public async Task A_disabled_account_answers_its_owner_and_the_links_holder_403_AccountDisabled_and_a_stranger_as_before()
    {
        var accounts = new InMemoryAccountDirectory();
        accounts.Add(DemoAccounts.Acme);
        await using var app = new SampleApp { TestServices = s => s.AddSingleton<IAccountDirectory>(accounts) };
        var owner = await app.SignedInAsync("olivia@acme.example");
        var eve = await app.SignedInAsync("eve@example.com"); // registered, member of no account
        var invite = new { productId = DemoAccounts.ProductId, recipients = new[] { new { email = "frank@example.com", roles = new[] { "EDITOR" } } } };
        using var invited = await owner.PostAsJsonAsync($"{Api}/accounts/acme/invitations", invite);
        Assert.Equal(HttpStatusCode.OK, invited.StatusCode);
        var id = JsonDocument.Parse(await invited.Content.ReadAsStringAsync()).RootElement.GetProperty("invitations")[0].GetProperty("id").GetGuid();
        var secret = (await app.MailToAsync("frank@example.com")).Secret;
        var strangerBefore = await AnswerAsync(await eve.GetAsync($"{Api}/accounts/acme/seats"));

        accounts.SetDisabled("acme");
        var refused = new[]
        {
            await owner.GetAsync($"{Api}/accounts/acme/seats"),
            await owner.GetAsync($"{Api}/accounts/acme/invitations?status=Pending"),
            await owner.PostAsJsonAsync($"{Api}/accounts/acme/invitations", invite),
            await owner.PostAsJsonAsync($"{Api}/invitations/{id}/revoke", new { }),
            await SendAsync(app.CreateClient(), HttpMethod.Get, $"{Api}/invitee/preview", secret),
        };
        foreach (var response in refused)
        {
            var (status, body) = await AnswerAsync(response);
            Assert.Equal(HttpStatusCode.Forbidden, status);
            var problem = JsonNode.Parse(body)!;
            Assert.Equal("AccountDisabled", (string?)problem["code"]);
            Assert.EndsWith("docs/errors.md#accountdisabled", (string?)problem["type"]);
            Assert.NotEmpty(problem["errors"]![0]!["remedies"]!.AsArray());
        }

        // The stranger's answer does not change: it never says that the account is disabled.
        Assert.Equal(strangerBefore, await AnswerAsync(await eve.GetAsync($"{Api}/accounts/acme/seats")));

        // Enabled again, the invitation is still there and pending.
        accounts.SetDisabled("acme", disabled: false);
        var pending = JsonDocument.Parse(await owner.GetStringAsync($"{Api}/accounts/acme/invitations?status=Pending")).RootElement;
        Assert.Contains(pending.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetGuid() == id);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, string secret)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add("Invitation-Secret", secret);
        return await client.SendAsync(request);
    }

    /// <summary>The status and the problem details, without the trace id that differs per request.</summary>
    private static async Task<(HttpStatusCode Status, string Body)> AnswerAsync(HttpResponseMessage response)
    {
        using (response)
        {
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
            body.Remove("traceId");
            return (response.StatusCode, body.ToJsonString());
        }
    }
}
