using System.Buffers.Binary;
using System.Buffers.Text;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using InvitationKit.Samples.Web.Data;

namespace InvitationKit.AspNetCore.Tests.Endpoints;

/// <summary>
/// Issue 24, finding 10, through the endpoint: a continuation token with an out-of-range timestamp made the list route
/// answer 500 (an <c>ArgumentOutOfRangeException</c> before the permission check).
/// </summary>
public sealed class ForgedTokenEndpointTests : IClassFixture<SampleApp>
{
    private const string Api = "/api/invitationkit";
    private readonly SampleApp _app;

    public ForgedTokenEndpointTests(SampleApp app) => _app = app;

    [Fact]
    public async Task A_forged_continuation_token_with_an_out_of_range_timestamp_is_a_typed_answer_never_a_500()
    {
        var bytes = new byte[24];
        BinaryPrimitives.WriteInt64BigEndian(bytes, long.MaxValue);
        var forged = Uri.EscapeDataString("i1." + Base64Url.EncodeToString(bytes));

        var owner = await _app.SignedInAsync("olivia@acme.example");
        using var invited = await owner.PostAsJsonAsync($"{Api}/accounts/acme/invitations", new
        {
            productId = DemoAccounts.ProductId,
            recipients = new[] { new { email = "forged-a@example.com", roles = new[] { "EDITOR" } }, new { email = "forged-b@example.com", roles = new[] { "EDITOR" } } },
        });
        Assert.Equal(HttpStatusCode.OK, invited.StatusCode);
        using var mine = await owner.GetAsync($"{Api}/accounts/acme/invitations?continuationToken={forged}");
        Assert.Equal(HttpStatusCode.BadRequest, mine.StatusCode);
        Assert.Equal("InvalidInput", (await Json(mine)).GetProperty("code").GetString());

        // A signed-in user with no right to the account: the answer a genuine token gets, whatever the token holds.
        var genuine = (await Json(await owner.GetAsync($"{Api}/accounts/acme/invitations?limit=1"))).GetProperty("continuationToken").GetString();
        var eve = await _app.SignedInAsync("eve@example.com");
        using var withGenuine = await eve.GetAsync($"{Api}/accounts/acme/invitations?limit=1&continuationToken={Uri.EscapeDataString(genuine!)}");
        using var withForged = await eve.GetAsync($"{Api}/accounts/acme/invitations?limit=1&continuationToken={forged}");
        Assert.NotEqual(HttpStatusCode.InternalServerError, withForged.StatusCode);
        Assert.Equal(withGenuine.StatusCode, withForged.StatusCode);
        Assert.Equal((await Json(withGenuine)).GetProperty("code").GetString(), (await Json(withForged)).GetProperty("code").GetString());
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
}
