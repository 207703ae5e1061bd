using System.Net;
using System.Text.RegularExpressions;
using InvitationKit.Ports;
using InvitationKit.Samples.Web.Mail;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace InvitationKit.AspNetCore.Tests.Endpoints;

/// <summary>
/// The web sample on a database of its own (a temporary SQLite file), as a test host, in Development: its mail goes over
/// SMTP to its SMTP catcher, on a free port, into a folder beside the database.
/// </summary>
public class SampleApp : WebApplicationFactory<Program>
{
    private readonly string _folder;
    private readonly bool _ownsFolder;

    /// <summary>A new app on a new database.</summary>
    public SampleApp()
        : this(Directory.CreateTempSubdirectory("ik-web-").FullName, ownsFolder: true)
    {
    }

    /// <summary>An app on the database (and mail) of a folder.</summary>
    /// <param name="folder">The folder.</param>
    /// <param name="ownsFolder">Whether disposing the app deletes the folder.</param>
    protected SampleApp(string folder, bool ownsFolder)
    {
        _folder = folder;
        _ownsFolder = ownsFolder;
    }

    /// <summary>The folder the app's files live in (its SQLite database, key and mail).</summary>
    protected string Folder => _folder;

    /// <summary>An app on the database and mail of a folder, which the caller deletes: another app's, as after a restart.</summary>
    /// <param name="folder">The folder.</param>
    /// <returns>The app, not started yet.</returns>
    public static SampleApp Over(string folder) => new(folder, ownsFolder: false);

    /// <summary>
    /// Where the kit keeps its data: the sample's own SQLite file (the default), the in-memory store (Identity's users stay
    /// in the SQLite file), or PostgreSQL, with <see cref="Postgres"/>, for Identity and the kit alike.
    /// </summary>
    public SampleStore Store { get; init; } = SampleStore.Sqlite;

    /// <summary>With <see cref="SampleStore.Postgres"/>, the database's connection string (the caller creates and drops it).</summary>
    public string? Postgres { get; init; }

    /// <summary>Changes to the sample's services (options, say), applied after its own.</summary>
    public Action<IServiceCollection>? TestServices { get; init; }

    /// <summary>The environment the app runs in.</summary>
    public string EnvironmentName { get; init; } = Environments.Development;

    /// <summary>Configuration settings over the sample's own.</summary>
    public Dictionary<string, string> Settings { get; } = [];

    /// <summary>The mail the sample's SMTP catcher received.</summary>
    public MailFolder Mailbox => Services.GetRequiredService<MailFolder>();

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

    /// <summary>
    /// The latest mail to an address, as the SMTP catcher stored it, parsed with MimeKit. The kit sends inline, but mail
    /// may also come from the background dispatcher: this waits for it, up to 15 seconds.
    /// </summary>
    /// <param name="email">The address.</param>
    /// <param name="subject">Text the subject contains (in any case), if only such a mail will do.</param>
    /// <returns>The mail.</returns>
    public async Task<ReceivedMail> MailToAsync(string email, string? subject = null)
    {
        var until = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var caught = Mailbox.List().FirstOrDefault(m => m.To == email && (subject is null || m.Subject.Contains(subject, StringComparison.OrdinalIgnoreCase)));
            if (caught is not null && Mailbox.Open(caught.Id) is { } mail)
            {
                return ReceivedMail.From(mail);
            }

            Assert.True(DateTime.UtcNow < until, $"No mail to {email}{(subject is null ? "" : $" about '{subject}'")} in 15 seconds.");
            await Task.Delay(50);
        }
    }

    /// <summary>How many mails went to an address.</summary>
    /// <param name="email">The address.</param>
    /// <returns>The count.</returns>
    public int MailsTo(string email) => Mailbox.List().Count(m => m.To == email);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        builder.UseSetting("ConnectionStrings:Sample", $"Data Source={Path.Combine(_folder, "sample.db")}");
        if (EnvironmentName == Environments.Development)
        {
            builder.UseSetting("InvitationKit:Mail:Smtp:Port", "0"); // the catcher on a free port: the tests' apps run side by side
        }

        if (Store == SampleStore.Postgres)
        {
            builder.UseSetting("ConnectionStrings:SamplePostgres", Postgres ?? throw new InvalidOperationException("The PostgreSQL store needs Postgres, a database's connection string."));
            builder.UseSetting("Sample:DataFolder", _folder);
        }

        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        if (Store == SampleStore.InMemory)
        {
            builder.ConfigureTestServices(UseInMemoryStore);
        }

        if (TestServices is { } services)
        {
            builder.ConfigureTestServices(services);
        }
    }

    // The kit's store in memory in place of the sample's EF Core store; the sample's users, accounts and mail stay its own.
    private static void UseInMemoryStore(IServiceCollection services)
    {
        foreach (var port in new[] { typeof(IInvitationStore), typeof(IMemberStore), typeof(IOtpBudgetStore), typeof(IInvitationOutbox), typeof(IInvitationMaintenanceStore), typeof(IEmailDomainStore) })
        {
            services.RemoveAll(port);
        }

        services.AddInvitationKit().UseInMemoryPorts();
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (!_ownsFolder)
        {
            return;
        }

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
