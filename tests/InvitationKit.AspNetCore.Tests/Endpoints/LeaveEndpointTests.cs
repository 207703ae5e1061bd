using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using InvitationKit.Samples.Web.Data;

namespace InvitationKit.AspNetCore.Tests.Endpoints;

/// <summary>
/// <c>POST accounts/{accountId}/leave</c> in the web sample (a sample of its own, so the seats it counts are its own):
/// a member leaves through the API and frees a seat; the last owner, a non-member and a forged request cannot.
/// </summary>
public sealed class LeaveEndpointTests : IClassFixture<SampleApp>
{
    private const string Api = "/api/invitationkit";
    private const string Owner = "olivia@acme.example";
    private const string Leave = $"{Api}/accounts/acme/leave";
    private readonly SampleApp _app;

    public LeaveEndpointTests(SampleApp app) => _app = app;

    [Fact]
    public async Task A_member_leaves_through_the_api_and_frees_a_seat()
    {
        var owner = await _app.SignedInAsync(Owner);
        Assert.Equal(HttpStatusCode.OK, (await owner.PostAsJsonAsync($"{Api}/accounts/acme/invitations", Invite("frank@example.com"))).StatusCode);
        var frank = await _app.SignedInAsync("frank@example.com");
        Assert.Equal(HttpStatusCode.OK, (await frank.PostAsJsonAsync($"{Api}/invitee/accept", new { secret = (await _app.MailToAsync("frank@example.com")).Secret })).StatusCode);
        var before = await SeatsTakenAsync(owner);

        // A cross-site form, or a request without a JSON content type, never makes a member leave.
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["x"] = "y" });
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await frank.PostAsync(Leave, form)).StatusCode);
        using var bodiless = await frank.PostAsync(Leave, null);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, bodiless.StatusCode);
        Assert.Equal("application/problem+json", bodiless.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await frank.GetAsync(Leave)).StatusCode);
        Assert.Equal(before, await SeatsTakenAsync(owner));

        using var left = await frank.PostAsJsonAsync(Leave, new { });
        Assert.Equal(HttpStatusCode.OK, left.StatusCode);
        var member = await Json(left);
        Assert.Equal("acme", member.GetProperty("accountId").GetString());
        Assert.False(member.GetProperty("isOwner").GetBoolean());
        Assert.Equal(before - 1, await SeatsTakenAsync(owner));

        using var again = await frank.PostAsJsonAsync(Leave, new { });
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal("MemberNotFound", (await Json(again)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task The_last_owner_is_refused_with_409_LastOwner_as_problem_details()
    {
        var owner = await _app.SignedInAsync(Owner);
        using var response = await owner.PostAsJsonAsync(Leave, new { });
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await Json(response);
        Assert.Equal("LastOwner", problem.GetProperty("code").GetString());
        Assert.EndsWith("docs/errors.md#lastowner", problem.GetProperty("type").GetString());
        Assert.NotEmpty(problem.GetProperty("errors")[0].GetProperty("remedies").EnumerateArray());
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync($"{Api}/accounts/acme/seats")).StatusCode); // still the owner
    }

    [Fact]
    public async Task A_non_member_gets_404_and_an_anonymous_caller_401()
    {
        var eve = await _app.SignedInAsync("eve@example.com");
        using var response = await eve.PostAsJsonAsync(Leave, new { });
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("MemberNotFound", (await Json(response)).GetProperty("code").GetString());
        using var nowhere = await eve.PostAsJsonAsync($"{Api}/accounts/nowhere/leave", new { });
        Assert.Equal(HttpStatusCode.NotFound, nowhere.StatusCode);
        Assert.Equal("MemberNotFound", (await Json(nowhere)).GetProperty("code").GetString()); // an unknown account is not told apart

        var anonymous = _app.CreateClient(new() { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync(Leave, new { })).StatusCode);
    }

    private static async Task<int> SeatsTakenAsync(HttpClient owner) =>
        (await Json(await owner.GetAsync($"{Api}/accounts/acme/seats"))).GetProperty("occupied").GetInt32();

    private static object Invite(params string[] emails) =>
        new { productId = DemoAccounts.ProductId, recipients = emails.Select(e => new { email = e, roles = new[] { "EDITOR" } }).ToArray() };

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
}
