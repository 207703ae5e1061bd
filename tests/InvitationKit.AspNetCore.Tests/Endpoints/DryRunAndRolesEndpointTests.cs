using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using InvitationKit.Ports;
using InvitationKit.Samples.Web.Data;
using InvitationKit.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace InvitationKit.AspNetCore.Tests.Endpoints;

/// <summary>
/// Issue 22 through the web sample's endpoints, with its catalog offering VIEWER, EDITOR and USER_ADMIN:
/// <c>POST accounts/{id}/invitations/check</c> (the dry run) and <c>GET accounts/{id}/roles?productId=</c> (what an
/// invite dialog offers).
/// </summary>
public sealed class DryRunAndRolesEndpointTests : IClassFixture<SampleApp>
{
    private const string Api = "/api/invitationkit";
    private const string Owner = "olivia@acme.example";
    private readonly SampleApp _app;

    public DryRunAndRolesEndpointTests(SampleApp app) => _app = app;

    [Fact]
    public async Task A_dry_run_answers_200_with_every_problem_and_the_seat_impact_and_invites_nobody()
    {
        var owner = await _app.SignedInAsync(Owner);
        var seats = await Json(await owner.GetAsync($"{Api}/accounts/acme/seats"));
        object body = new
        {
            productId = DemoAccounts.ProductId,
            recipients = new object[]
            {
                new { email = "dry-a@example.com", roles = new[] { "EDTIOR" } },
                new { email = "not an address", roles = new[] { "VIEWER" } },
                new { email = "dry-b@example.com", roles = new[] { "VIEWER" } },
            },
        };

        using var response = await owner.PostAsJsonAsync($"{Api}/accounts/acme/invitations/check", body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var check = await Json(response);
        Assert.False(check.GetProperty("canInvite").GetBoolean());
        var problems = check.GetProperty("problems").EnumerateArray().ToArray();
        var codes = problems.Select(p => p.GetProperty("code").GetString()).ToArray();
        Assert.Equal(["UnknownRole", "InvalidEmail"], codes.Take(2)); // then the seats, if the demo account is full
        Assert.Equal("dry-a@example.com", problems[0].GetProperty("recipient").GetString());
        Assert.Contains("VIEWER, EDITOR, USER_ADMIN", problems[0].GetProperty("remedies")[0].GetString(), StringComparison.Ordinal);
        var impact = check.GetProperty("seats");
        Assert.Equal(seats.GetProperty("limit").GetInt32(), impact.GetProperty("limit").GetInt32());
        Assert.Equal(seats.GetProperty("occupied").GetInt32(), impact.GetProperty("occupied").GetInt32());
        Assert.Equal(2, impact.GetProperty("requested").GetInt32());
        Assert.True(impact.TryGetProperty("availableAfter", out _));

        // The invite answers the same problems, as a problem details refusal; neither wrote anything.
        using var invited = await owner.PostAsJsonAsync($"{Api}/accounts/acme/invitations", body);
        Assert.Equal(HttpStatusCode.BadRequest, invited.StatusCode);
        Assert.Equal(codes, (await Json(invited)).GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("code").GetString()));
        Assert.Equal(seats.GetProperty("occupied").GetInt32(), (await Json(await owner.GetAsync($"{Api}/accounts/acme/seats"))).GetProperty("occupied").GetInt32());
        Assert.DoesNotContain(_app.Mailbox.List(), m => m.To.StartsWith("dry-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_dry_run_is_refused_to_a_stranger_and_to_a_form_post_as_an_invite_is()
    {
        var eve = await _app.SignedInAsync("eve@example.com");
        using var stranger = await eve.PostAsJsonAsync($"{Api}/accounts/acme/invitations/check", new { productId = DemoAccounts.ProductId, recipients = new[] { new { email = "x@example.com" } } });
        Assert.Equal(HttpStatusCode.Forbidden, stranger.StatusCode);
        Assert.Equal("PermissionDenied", (await Json(stranger)).GetProperty("code").GetString());

        var owner = await _app.SignedInAsync(Owner);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["productId"] = DemoAccounts.ProductId });
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await owner.PostAsync($"{Api}/accounts/acme/invitations/check", form)).StatusCode);
        var anonymous = _app.CreateClient(new() { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync($"{Api}/accounts/acme/invitations/check", new { productId = DemoAccounts.ProductId })).StatusCode);
    }

    [Fact]
    public async Task The_roles_endpoint_lists_what_the_owner_may_grant_and_refuses_a_stranger()
    {
        var owner = await _app.SignedInAsync(Owner);
        using var response = await owner.GetAsync($"{Api}/accounts/acme/roles?productId={DemoAccounts.ProductId}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var roles = await Json(response);
        Assert.Equal(["VIEWER", "EDITOR", "USER_ADMIN"], roles.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.False(roles.GetProperty("anyRole").GetBoolean());
        Assert.True(roles.GetProperty("canGrantOwner").GetBoolean());

        // The sample's product catalog has one product: another is no product at all.
        using var other = await owner.GetAsync($"{Api}/accounts/acme/roles?productId=other-product");
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        using var missing = await owner.GetAsync($"{Api}/accounts/acme/roles");
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        var eve = await _app.SignedInAsync("eve@example.com");
        using var stranger = await eve.GetAsync($"{Api}/accounts/acme/roles?productId={DemoAccounts.ProductId}");
        Assert.Equal(HttpStatusCode.Forbidden, stranger.StatusCode);
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
}
