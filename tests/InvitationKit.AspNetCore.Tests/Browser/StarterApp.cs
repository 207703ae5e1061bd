extern alias Starter;

using System.Net;
using InvitationKit.AspNetCore.Tests.Endpoints;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Hosting;
using MimeKit;

namespace InvitationKit.AspNetCore.Tests.Browser;

/// <summary>
/// The starter sample (a new app: Identity's own UI and the kit's screens in one line) on Kestrel, on a free port of the
/// loopback interface, with a SQLite database and a mail pickup folder of its own.
/// </summary>
public sealed class StarterApp : WebApplicationFactory<Starter::InvitationKit.Samples.Starter.StarterCatalog>
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ik-starter-").FullName;

    /// <summary>Starts the app.</summary>
    public StarterApp()
    {
        var port = BrowserApp.FreePort();
        Address = $"http://127.0.0.1:{port}";
        UseKestrel(o => o.Listen(IPAddress.Loopback, port));
        StartServer();
    }

    /// <summary>The server's base address.</summary>
    public string Address { get; }

    private string MailFolder => Path.Combine(_folder, "mail");

    /// <summary>
    /// The newest mail to an address about a subject, as the kit's mailer (or Identity's, for account mail) wrote it into
    /// the pickup folder; waits up to 15 seconds.
    /// </summary>
    /// <param name="email">The address.</param>
    /// <param name="subject">Text the subject contains (in any case).</param>
    /// <returns>The mail.</returns>
    public async Task<ReceivedMail> MailToAsync(string email, string subject)
    {
        var until = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            IEnumerable<FileInfo> files = Directory.Exists(MailFolder) ? new DirectoryInfo(MailFolder).GetFiles("*.eml").OrderByDescending(f => f.LastWriteTimeUtc) : [];
            foreach (var file in files)
            {
                var mail = await MimeMessage.LoadAsync(file.FullName);
                if (mail.To.Mailboxes.Any(m => m.Address == email) && (mail.Subject ?? string.Empty).Contains(subject, StringComparison.OrdinalIgnoreCase))
                {
                    return ReceivedMail.From(mail);
                }

                mail.Dispose();
            }

            Assert.True(DateTime.UtcNow < until, $"No mail to {email} about '{subject}' in 15 seconds.");
            await Task.Delay(50);
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environments.Development);
        builder.UseSetting("ConnectionStrings:Starter", $"Data Source={Path.Combine(_folder, "starter.db")}");
        builder.UseSetting("InvitationKit:Mail:PickupDirectory", MailFolder);
        builder.UseSetting("InvitationKit:Mail:BaseUrl", Address + "/");
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
