using System.Net;
using System.Text.RegularExpressions;
using InvitationKit.Samples.Web.Mail;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace InvitationKit.AspNetCore.Tests.Endpoints;

/// <summary>The web sample on a database of its own (a temporary SQLite file), as a test host.</summary>
public class SampleApp : WebApplicationFactory<Program>
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ik-web-").FullName;

    /// <summary>Changes to the sample's services (options, say), applied after its own.</summary>
    public Action<IServiceCollection>? TestServices { get; init; }

    /// <summary>The sample's development mailbox.</summary>
    public DevelopmentMailbox Mailbox => Services.GetRequiredService<DevelopmentMailbox>();

    /// <summary>A client signed in as a demo user (through the sample's own sign-in form), keeping its cookie.</summary>
    /// <param name="email">The demo user.</param>
    /// <returns>The client.</returns>
    public async Task<HttpClient> SignedInAsync(string email)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var form = await client.GetStringAsync("/SignIn");
        var token = Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["email"] = email, ["__RequestVerificationToken"] = token });
        using var response = await client.PostAsync("/SignIn?handler=Demo", content);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// <summary>A client signed in with an email and a password (the sample's sign-in form), keeping its cookie.</summary>
    /// <param name="email">The user's email.</param>
    /// <param name="password">The user's password.</param>
    /// <returns>The client.</returns>
    public async Task<HttpClient> SignedInWithPasswordAsync(string email, string password)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var form = await client.GetStringAsync("/SignIn");
        var token = Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["email"] = email, ["password"] = password, ["__RequestVerificationToken"] = token });
        using var response = await client.PostAsync("/SignIn", content);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// <summary>The latest mail to an address.</summary>
    /// <param name="email">The address.</param>
    /// <returns>The mail.</returns>
    public DevelopmentMailbox.Mail MailTo(string email) => Mailbox.Mails.First(m => m.Message.Recipient.Value == email);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:Sample", $"Data Source={Path.Combine(_folder, "sample.db")}");
        if (TestServices is { } services)
        {
            builder.ConfigureTestServices(services);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a late background run: the temp folder is cleaned by the system.
        }
    }
}
