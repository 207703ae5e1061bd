using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace InvitationKit.Samples.Web;

/// <summary>
/// Where the sample keeps its data: by default the SQLite file of <c>ConnectionStrings:Sample</c> (relative paths are
/// relative to the content root); with <c>ConnectionStrings:SamplePostgres</c> a PostgreSQL database instead (the browser
/// tests run the sample on both). Beside the SQLite file — or in <c>Sample:DataFolder</c> with PostgreSQL — the
/// development secret key, created on first run so links keep working across runs, and the development mail folder,
/// where the SMTP catcher keeps every mail it receives.
/// </summary>
public sealed class SampleDatabase
{
    private readonly string? _postgres;

    /// <summary>Reads the settings.</summary>
    /// <param name="configuration">The app's configuration.</param>
    /// <param name="environment">The app's environment.</param>
    public SampleDatabase(IConfiguration configuration, IWebHostEnvironment environment)
    {
        _postgres = configuration.GetConnectionString("SamplePostgres");
        string files;
        if (_postgres is { Length: > 0 })
        {
            ConnectionString = _postgres;
            files = Path.Combine(Path.GetFullPath(configuration["Sample:DataFolder"] ?? "sample-data", environment.ContentRootPath), "invitationkit-web");
        }
        else
        {
            var connection = new SqliteConnectionStringBuilder(configuration.GetConnectionString("Sample") ?? "Data Source=invitationkit-web.db");
            connection.DataSource = Path.GetFullPath(connection.DataSource, environment.ContentRootPath);
            ConnectionString = connection.ToString();
            files = connection.DataSource;
        }

        KeyFile = Path.ChangeExtension(files, ".key");
        MailFolder = Path.ChangeExtension(files, ".mail");
    }

    /// <summary>The connection string (for SQLite with an absolute file path).</summary>
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
            Directory.CreateDirectory(Path.GetDirectoryName(KeyFile)!);
            File.WriteAllText(KeyFile, Convert.ToBase64String(key));
            return key;
        }
    }

    /// <summary>Points a context at the sample's database, SQLite or PostgreSQL.</summary>
    /// <param name="options">The context's options.</param>
    public void Use(DbContextOptionsBuilder options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _ = _postgres is { Length: > 0 } ? options.UseNpgsql(ConnectionString) : options.UseSqlite(ConnectionString);
    }
}
