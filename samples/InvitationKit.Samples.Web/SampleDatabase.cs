using System.Security.Cryptography;
using Microsoft.Data.Sqlite;

namespace InvitationKit.Samples.Web;

/// <summary>
/// Where the sample keeps its data: the SQLite file of <c>ConnectionStrings:Sample</c> (relative paths are relative to
/// the content root) and, beside it, the development secret key, created on first run so links keep working across runs,
/// and the development mail folder, where the SMTP catcher keeps every mail it receives.
/// </summary>
public sealed class SampleDatabase
{
    /// <summary>Reads the settings.</summary>
    /// <param name="configuration">The app's configuration.</param>
    /// <param name="environment">The app's environment.</param>
    public SampleDatabase(IConfiguration configuration, IWebHostEnvironment environment)
    {
        var connection = new SqliteConnectionStringBuilder(configuration.GetConnectionString("Sample") ?? "Data Source=invitationkit-web.db");
        connection.DataSource = Path.GetFullPath(connection.DataSource, environment.ContentRootPath);
        ConnectionString = connection.ToString();
        KeyFile = Path.ChangeExtension(connection.DataSource, ".key");
        MailFolder = Path.ChangeExtension(connection.DataSource, ".mail");
    }

    /// <summary>The connection string, with an absolute file path.</summary>
    public string ConnectionString { get; }

    /// <summary>The file holding the development secret key.</summary>
    public string KeyFile { get; }

    /// <summary>The folder of the development SMTP catcher's mail, one <c>.eml</c> file per mail.</summary>
    public string MailFolder { get; }

    /// <summary>The kit's secret key: the file's, or a new random one written to it.</summary>
    public byte[] SecretKey
    {
        get
        {
            if (File.Exists(KeyFile))
            {
                return Convert.FromBase64String(File.ReadAllText(KeyFile).Trim());
            }

            var key = RandomNumberGenerator.GetBytes(32);
            File.WriteAllText(KeyFile, Convert.ToBase64String(key));
            return key;
        }
    }
}
