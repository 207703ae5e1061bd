using System.Buffers;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using MimeKit;
using NodaTime;
using NodaTime.Text;

namespace InvitationKit.Samples.Web.Mail;

/// <summary>
/// The development SMTP catcher's mail, one <c>.eml</c> file per mail in <see cref="SampleDatabase.MailFolder"/>, beside
/// the database, so it survives a restart as the invitations do. A file's name is when it was received (so names sort
/// oldest first) and a random part; a name is checked before it is opened, so a request cannot reach another file.
/// </summary>
public sealed partial class MailFolder(SampleDatabase database, IClock clock)
{
    private static readonly InstantPattern Stamp = InstantPattern.CreateWithInvariantCulture("uuuuMMdd'T'HHmmssfffffff");

    /// <summary>The folder.</summary>
    public string Folder => database.MailFolder;

    /// <summary>Keeps one raw mail, as received. The file appears whole: it is written aside, then moved in.</summary>
    /// <param name="mail">The mail's bytes (MIME).</param>
    /// <param name="cancellationToken">Stops the write.</param>
    /// <returns>The new mail's id.</returns>
    public async Task<string> SaveAsync(ReadOnlySequence<byte> mail, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Folder);
        var id = $"{Stamp.Format(clock.GetCurrentInstant())}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}";
        var file = FileOf(id);
        var partial = file + ".partial";
        await using (var stream = File.Create(partial))
        {
            foreach (var segment in mail)
            {
                await stream.WriteAsync(segment, cancellationToken);
            }
        }

        File.Move(partial, file);
        return id;
    }

    /// <summary>Every mail, newest first.</summary>
    /// <returns>The mails' headlines.</returns>
    public IReadOnlyList<CaughtMail> List()
    {
        if (!Directory.Exists(Folder))
        {
            return [];
        }

        return [.. Directory.EnumerateFiles(Folder, "*.eml")
            .Select(f => Path.GetFileNameWithoutExtension(f))
            .Where(IsId)
            .OrderDescending(StringComparer.Ordinal)
            .Select(id => Open(id) is { } mail ? Headline(id, mail) : null)
            .OfType<CaughtMail>()];
    }

    /// <summary>One mail, parsed; the caller disposes it.</summary>
    /// <param name="id">Its id, as <see cref="List"/> gives it.</param>
    /// <returns>The mail, or null when there is none by that id.</returns>
    public MimeMessage? Open(string? id)
    {
        if (id is null || !IsId(id) || !File.Exists(FileOf(id)))
        {
            return null;
        }

        return MimeMessage.Load(FileOf(id));
    }

    /// <summary>When a mail was received, from its id.</summary>
    /// <param name="id">The mail's id.</param>
    /// <returns>The instant.</returns>
    public static Instant ReceivedAt(string id) => Stamp.Parse(id[..id.IndexOf('-', StringComparison.Ordinal)]).Value;

    private static CaughtMail Headline(string id, MimeMessage mail)
    {
        using (mail)
        {
            return new CaughtMail(id, mail.To.ToString(), mail.Subject ?? string.Empty, ReceivedAt(id));
        }
    }

    private string FileOf(string id) => Path.Combine(Folder, id + ".eml");

    private static bool IsId(string id) => Id().IsMatch(id);

    [GeneratedRegex("^[0-9]{8}T[0-9]{13}-[0-9a-f]{32}$")]
    private static partial Regex Id();
}
