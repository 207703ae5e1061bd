using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using InvitationKit.Samples.Web.Data;

namespace InvitationKit.AspNetCore.Tests.Endpoints;

/// <summary>
/// The endpoints of <c>MapInvitationKit()</c> in the web sample, through <c>WebApplicationFactory</c>: status codes,
/// problem-details shapes, POST-only changes, and who may call what.
/// </summary>
public sealed class EndpointTests : IClassFixture<SampleApp>
{
    private const string Api = "/api/invitationkit";
    private const string Owner = "olivia@acme.example";
    private readonly SampleApp _app;

    public EndpointTests(SampleApp app) => _app = app;

    [Fact]
    public async Task Management_endpoints_refuse_an_anonymous_caller_with_401()
    {
        var anonymous = _app.CreateClient(new() { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"{Api}/accounts/acme/seats")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync($"{Api}/accounts/acme/invitations", Invite("x@example.com"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync($"{Api}/invitee/accept", new { secret = "s" })).StatusCode);
    }

    [Fact]
    public async Task A_signed_in_user_of_another_account_gets_403_PermissionDenied_as_problem_details()
    {
        var eve = await _app.SignedInAsync("eve@example.com");
        using var response = await eve.GetAsync($"{Api}/accounts/acme/seats");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await Json(response);
        Assert.Equal(403, problem.GetProperty("status").GetInt32());
        Assert.Equal("PermissionDenied", problem.GetProperty("code").GetString());
        Assert.EndsWith("docs/errors.md#permissiondenied", problem.GetProperty("type").GetString());
        var error = problem.GetProperty("errors")[0];
        Assert.Equal("PermissionDenied", error.GetProperty("code").GetString());
        Assert.NotEmpty(error.GetProperty("remedies").EnumerateArray());
    }

    [Fact]
    public async Task An_owner_invites_lists_and_reads_seats()
    {
        var owner = await _app.SignedInAsync(Owner);
        using var invited = await owner.PostAsJsonAsync($"{Api}/accounts/acme/invitations", Invite("list-a@example.com", "list-b@example.com"));
        Assert.Equal(HttpStatusCode.OK, invited.StatusCode);
        var invitations = (await Json(invited)).GetProperty("invitations");
        Assert.Equal(2, invitations.GetArrayLength());
        Assert.Equal("Pending", invitations[0].GetProperty("status").GetString());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT", invitations[0].GetProperty("expiresAt").GetString());

        var list = await Json(await owner.GetAsync($"{Api}/accounts/acme/invitations?status=Pending&limit=1"));
        Assert.Single(list.GetProperty("items").EnumerateArray());
        Assert.True(list.GetProperty("totalCount").GetInt32() >= 2);
        var token = list.GetProperty("continuationToken").GetString();
        var next = await Json(await owner.GetAsync($"{Api}/accounts/acme/invitations?status=Pending&limit=1&includeTotal=false&continuationToken={Uri.EscapeDataString(token!)}"));
        Assert.Equal(JsonValueKind.Null, next.GetProperty("totalCount").ValueKind);
        Assert.NotEqual(list.GetProperty("items")[0].GetProperty("id").GetGuid(), next.GetProperty("items")[0].GetProperty("id").GetGuid());
        var found = await Json(await owner.GetAsync($"{Api}/accounts/acme/invitations?email=LIST-B%40&invitedBy={Uri.EscapeDataString(invitations[0].GetProperty("invitedBy").GetString()!)}"));
        Assert.Equal("list-b@example.com", Assert.Single(found.GetProperty("items").EnumerateArray()).GetProperty("email").GetString());
        using var forged = await owner.GetAsync($"{Api}/accounts/acme/invitations?continuationToken=i1.forged");
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal("InvalidInput", (await Json(forged)).GetProperty("code").GetString());
        var id = invitations[0].GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync($"{Api}/invitations/{id}")).StatusCode);

        var roles = await Json(await owner.PostAsJsonAsync($"{Api}/invitations/{id}/roles", new { roles = new[] { "VIEWER" } }));
        Assert.Equal("VIEWER", roles.GetProperty("roles")[0].GetString());
        var revoked = await Json(await owner.PostAsJsonAsync($"{Api}/invitations/{id}/revoke", new { }));
        Assert.Equal("Revoked", revoked.GetProperty("status").GetString());
        var seats = await Json(await owner.GetAsync($"{Api}/accounts/acme/seats"));
        Assert.Equal(DemoAccounts.Acme.UserLimit, seats.GetProperty("limit").GetInt32());
    }

    [Fact]
    public async Task An_idempotency_key_header_makes_a_retried_invite_return_its_first_outcome()
    {
        var owner = await _app.SignedInAsync(Owner);
        async Task<HttpResponseMessage> PostAsync(params string[] emails)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"{Api}/accounts/acme/invitations") { Content = JsonContent.Create(Invite(emails)) };
            request.Headers.Add("Idempotency-Key", "retry-7");
            return await owner.SendAsync(request);
        }

        var first = await Json(await PostAsync("idem@example.com"));
        var again = await Json(await PostAsync("idem@example.com"));
        Assert.Equal(first.GetProperty("invitations")[0].GetProperty("id").GetGuid(), again.GetProperty("invitations")[0].GetProperty("id").GetGuid());
        using var other = await PostAsync("someone-else@example.com");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
        Assert.Equal("IdempotencyKeyReused", (await Json(other)).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, (await owner.PostAsJsonAsync($"{Api}/invitations/{first.GetProperty("invitations")[0].GetProperty("id").GetGuid()}/revoke", new { })).StatusCode); // frees the seat
    }

    [Fact]
    public async Task A_batch_over_the_seat_limit_is_409_UserLimitExceeded_with_the_figures()
    {
        var owner = await _app.SignedInAsync(Owner);
        var batch = Enumerable.Range(1, DemoAccounts.Acme.UserLimit!.Value + 1).Select(i => $"many-{i}@example.com").ToArray();
        using var response = await owner.PostAsJsonAsync($"{Api}/accounts/acme/invitations", Invite(batch));
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var error = (await Json(response)).GetProperty("errors")[0];
        Assert.Equal("UserLimitExceeded", error.GetProperty("code").GetString());
        var seats = error.GetProperty("seatLimit");
        Assert.Equal(DemoAccounts.Acme.UserLimit, seats.GetProperty("limit").GetInt32());
        Assert.Equal(batch.Length, seats.GetProperty("requested").GetInt32());
    }

    [Fact]
    public async Task Bad_input_is_400_with_every_problem_and_its_recipient()
    {
        var owner = await _app.SignedInAsync(Owner);
        using var response = await owner.PostAsJsonAsync($"{Api}/accounts/acme/invitations", Invite("not-an-email", "dup@example.com", "dup@example.com"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await Json(response)).GetProperty("errors").EnumerateArray().ToArray();
        Assert.Contains(errors, e => e.GetProperty("code").GetString() == "InvalidEmail" && e.GetProperty("recipient").GetString() == "not-an-email");
        Assert.Contains(errors, e => e.GetProperty("code").GetString() == "DuplicateRecipient");
    }

    [Fact]
    public async Task Every_change_is_a_post_with_a_json_body()
    {
        var owner = await _app.SignedInAsync(Owner);
        var id = Guid.NewGuid();
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await owner.GetAsync($"{Api}/invitee/accept")).StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await owner.GetAsync($"{Api}/invitee/reject")).StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await owner.GetAsync($"{Api}/invitee/activate")).StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await owner.GetAsync($"{Api}/invitations/{id}/revoke")).StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await owner.DeleteAsync($"{Api}/invitations/{id}")).StatusCode);

        // A cross-site HTML form can only send form or text bodies: refused before anything runs.
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["secret"] = "s" });
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await owner.PostAsync($"{Api}/invitee/reject", form)).StatusCode);
    }

    [Fact]
    public async Task An_invitee_previews_accepts_and_activates_through_the_api()
    {
        var owner = await _app.SignedInAsync(Owner);
        Assert.Equal(HttpStatusCode.OK, (await owner.PostAsJsonAsync($"{Api}/accounts/acme/invitations", Invite("bob@example.com", "api-new@example.com"))).StatusCode);
        var anonymous = _app.CreateClient(new() { AllowAutoRedirect = false });

        using var preview = new HttpRequestMessage(HttpMethod.Get, $"{Api}/invitee/preview");
        preview.Headers.Add("Invitation-Secret", (await _app.MailToAsync("bob@example.com")).Secret);
        var shown = await Json(await anonymous.SendAsync(preview));
        Assert.Equal("Acme Corp", shown.GetProperty("accountName").GetString());
        Assert.Equal("ExistingUser", shown.GetProperty("kind").GetString());
        using var noSecret = await anonymous.GetAsync($"{Api}/invitee/preview");
        Assert.Equal(HttpStatusCode.NotFound, noSecret.StatusCode);

        // Someone else's account cannot take Bob's invitation.
        var eve = await _app.SignedInAsync("eve@example.com");
        using var mismatch = await eve.PostAsJsonAsync($"{Api}/invitee/accept", new { secret = (await _app.MailToAsync("bob@example.com")).Secret });
        Assert.Equal(HttpStatusCode.Forbidden, mismatch.StatusCode);
        Assert.Contains((await Json(mismatch)).GetProperty("code").GetString(), new[] { "EmailMismatch", "NotTheInvitedUser" });

        var bob = await _app.SignedInAsync("bob@example.com");
        var member = await Json(await bob.PostAsJsonAsync($"{Api}/invitee/accept", new { secret = (await _app.MailToAsync("bob@example.com")).Secret }));
        Assert.Equal("acme", member.GetProperty("accountId").GetString());

        var mail = await _app.MailToAsync("api-new@example.com");
        using var wrong = await anonymous.PostAsJsonAsync($"{Api}/invitee/activate", new { email = "api-new@example.com", oneTimePassword = "000000", password = "Api-pass-1" });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal("OtpInvalid", (await Json(wrong)).GetProperty("code").GetString());
        using var weak = await anonymous.PostAsJsonAsync($"{Api}/invitee/activate", new { email = "api-new@example.com", oneTimePassword = mail.OneTimePassword, password = "weak" });
        Assert.Equal("PasswordRejected", (await Json(weak)).GetProperty("code").GetString());
        using var activated = await anonymous.PostAsJsonAsync($"{Api}/invitee/activate", new { email = "api-new@example.com", oneTimePassword = mail.OneTimePassword, password = "Api-pass-1" });
        Assert.Equal(HttpStatusCode.OK, activated.StatusCode);
        Assert.Equal("acme", (await Json(activated)).GetProperty("accountId").GetString());
    }

    [Fact]
    public async Task A_revoked_link_is_409_InvitationNotPending_and_cannot_be_declined()
    {
        var owner = await _app.SignedInAsync(Owner);
        var invited = await Json(await owner.PostAsJsonAsync($"{Api}/accounts/acme/invitations", Invite("revoked@example.com")));
        var id = invited.GetProperty("invitations")[0].GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await owner.PostAsJsonAsync($"{Api}/invitations/{id}/revoke", new { })).StatusCode);

        var anonymous = _app.CreateClient();
        using var declined = await anonymous.PostAsJsonAsync($"{Api}/invitee/reject", new { secret = (await _app.MailToAsync("revoked@example.com")).Secret });
        Assert.Equal(HttpStatusCode.Conflict, declined.StatusCode);
        var problem = await Json(declined);
        Assert.Equal("InvitationNotPending", problem.GetProperty("code").GetString());
        Assert.Equal("Revoked", problem.GetProperty("errors")[0].GetProperty("status").GetString());
    }

    private static object Invite(params string[] emails) =>
        new { productId = DemoAccounts.ProductId, recipients = emails.Select(e => new { email = e, roles = new[] { "EDITOR" } }).ToArray() };

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
}
