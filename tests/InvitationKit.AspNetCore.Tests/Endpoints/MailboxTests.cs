using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using InvitationKit.Samples.Web.Data;
using InvitationKit.Samples.Web.Mail;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace InvitationKit.AspNetCore.Tests.Endpoints;

/// <summary>
/// The web sample's development mailbox: the SMTP catcher's mail is files beside the database, so it outlives the app as
/// the invitations do; outside Development there is no catcher and no Mailbox page.
/// </summary>
public sealed class MailboxTests
{
    private const string Api = "/api/invitationkit";

    [Fact]
    public async Task The_catchers_mail_survives_a_restart_and_its_link_still_works()
    {
        var folder = Directory.CreateTempSubdirectory("ik-web-").FullName;
        try
        {
            string id;
            await using (var before = SampleApp.Over(folder))
            {
                var owner = await before.SignedInAsync("olivia@acme.example");
                using var invited = await owner.PostAsJsonAsync($"{Api}/accounts/acme/invitations", new { productId = DemoAccounts.ProductId, recipients = new[] { new { email = "nina@example.com", roles = new[] { "EDITOR" } } } });
                Assert.Equal(HttpStatusCode.OK, invited.StatusCode);
                await before.MailToAsync("nina@example.com");
                id = Assert.Single(before.Mailbox.List(), m => m.To == "nina@example.com").Id;
            }

            // Another app over the same folder: a restart.
            await using var after = SampleApp.Over(folder);
            var anonymous = after.CreateClient();
            Assert.Equal(id, Assert.Single(after.Mailbox.List(), m => m.To == "nina@example.com").Id);
            var list = await anonymous.GetStringAsync("/Mailbox");
            Assert.Contains($"/Mailbox?id={id}", list, StringComparison.Ordinal);
            Assert.Contains("nina@example.com", await anonymous.GetStringAsync($"/Mailbox?id={id}"), StringComparison.Ordinal);

            var mail = await after.MailToAsync("nina@example.com");
            using var preview = new HttpRequestMessage(HttpMethod.Get, $"{Api}/invitee/preview");
            preview.Headers.Add("Invitation-Secret", mail.Secret);
            using var shown = await anonymous.SendAsync(preview);
            Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
            Assert.Equal("Acme Corp", JsonDocument.Parse(await shown.Content.ReadAsStringAsync()).RootElement.GetProperty("accountName").GetString());
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>A mail's id names a file of the mail folder: anything else, a path above it included, is not found.</summary>
    [Theory]
    [InlineData("../sample")]
    [InlineData("..%2Fsample.db")]
    [InlineData("20261204T2000000000000-00000000000000000000000000000000")]
    [InlineData("sample")]
    public async Task A_mail_id_that_is_not_a_caught_mail_is_404_never_another_file(string id)
    {
        await using var app = new SampleApp();
        using var response = await app.CreateClient().GetAsync($"/Mailbox?id={id}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    /// <summary>
    /// Issue 23: the sample in Production serves neither its development mailbox nor its one-click sign-in as the owner,
    /// and has no demo user whose published password would let anyone in.
    /// </summary>
    [Fact]
    public async Task In_Production_the_sample_serves_no_mailbox_no_demo_sign_in_and_no_demo_user()
    {
        await using var app = new SampleApp
        {
            EnvironmentName = "Production",
            Settings =
            {
                ["InvitationKit:Mail:BaseUrl"] = "https://app.example.com/",
                ["InvitationKit:Mail:Smtp:Host"] = "smtp.example.com",
            },
        };
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/Mailbox")).StatusCode);
        Assert.Null(app.Services.GetService<SmtpCatcher>());
        var home = await client.GetStringAsync("/");
        Assert.DoesNotContain("/Mailbox", home, StringComparison.Ordinal);
        Assert.DoesNotContain(DemoData.Password, home, StringComparison.Ordinal);

        var signIn = await client.GetStringAsync("/SignIn");
        Assert.DoesNotContain("demo-sign-in", signIn, StringComparison.Ordinal);
        var token = Regex.Match(signIn, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        using var demo = new FormUrlEncodedContent(new Dictionary<string, string> { ["email"] = DemoData.Users[0].Email, ["__RequestVerificationToken"] = token });
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync("/SignIn?handler=Demo", demo)).StatusCode);
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        foreach (var (email, _) in DemoData.Users)
        {
            Assert.Null(await users.FindByEmailAsync(email));
        }
    }
}
