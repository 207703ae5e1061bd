using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using InvitationKit.Samples.Web.Data;

namespace InvitationKit.AspNetCore.Tests.Endpoints;

/// <summary>The web sample's password rule, through the activation endpoint (a sample of its own, so its seats are its own).</summary>
public sealed class SamplePasswordTests : IClassFixture<SampleApp>
{
    private const string Api = "/api/invitationkit";
    private const string Owner = "olivia@acme.example";
    private readonly SampleApp _app;

    public SamplePasswordTests(SampleApp app) => _app = app;

    /// <summary>Issue 24: the sample kept Identity's 6-character minimum, below NIST SP 800-63B's 8.</summary>
    [Fact]
    public async Task A_seven_character_password_is_refused_below_the_nist_minimum_of_eight()
    {
        var owner = await _app.SignedInAsync(Owner);
        Assert.Equal(HttpStatusCode.OK, (await owner.PostAsJsonAsync($"{Api}/accounts/acme/invitations", new { productId = DemoAccounts.ProductId, recipients = new[] { new { email = "short-password@example.com", roles = new[] { "EDITOR" } } } })).StatusCode);
        var code = (await _app.MailToAsync("short-password@example.com")).OneTimePassword;
        var anonymous = _app.CreateClient(new() { AllowAutoRedirect = false });

        using var seven = await anonymous.PostAsJsonAsync($"{Api}/invitee/activate", new { email = "short-password@example.com", oneTimePassword = code, password = "Ab-1xyz" });
        Assert.Equal(HttpStatusCode.BadRequest, seven.StatusCode);
        var problem = await Json(seven);
        Assert.Equal("PasswordRejected", problem.GetProperty("code").GetString());
        Assert.Contains("8", problem.GetProperty("title").GetString());

        using var eight = await anonymous.PostAsJsonAsync($"{Api}/invitee/activate", new { email = "short-password@example.com", oneTimePassword = code, password = "Ab-1xyzw" });
        Assert.Equal(HttpStatusCode.OK, eight.StatusCode);
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
}
