using InvitationKit.Testing;
using MimeKit;

namespace InvitationKit.Samples.Quickstart;

/// <summary>
/// The mail the story reads its links and codes from: in memory, what the capturing mailer kept; with
/// <c>--store sqlite</c>, the <c>.eml</c> files InvitationKit.Mail wrote to its pickup directory, read back as a mail
/// client would (the link from the text, the code from the line that holds only it).
/// </summary>
internal sealed class QuickstartMailbox(Func<IEnumerable<QuickstartMail>> read)
{
    /// <summary>Every mail so far, oldest first.</summary>
    public IReadOnlyList<QuickstartMail> All => [.. read()];

    public static QuickstartMailbox Captured(CapturingMailer mailer) => new(() => mailer.Sent.Select(m => new QuickstartMail(
        m.Recipient.Value, m.Secret, m.OneTimePassword, $"{m.Kind}, expires {m.ExpiresAt}{(m.OneTimePassword is null ? string.Empty : ", carries a one-time password")}")));

    public static QuickstartMailbox PickupDirectory(string directory) => new(() =>
        (Directory.Exists(directory) ? new DirectoryInfo(directory).GetFiles("*.eml") : [])
            .Select(file => (File: file, Mail: MimeMessage.Load(file.FullName)))
            .OrderBy(m => m.Mail.Date).ThenBy(m => m.File.LastWriteTimeUtc)
            .Select(m => Read(m.File, m.Mail)));

    /// <summary>The latest mail to <paramref name="email"/>.</summary>
    public QuickstartMail LastTo(string email) => All.Last(m => string.Equals(m.Recipient, email, StringComparison.OrdinalIgnoreCase));

    private static QuickstartMail Read(FileInfo file, MimeMessage mail)
    {
        var lines = (mail.TextBody ?? string.Empty).ReplaceLineEndings("\n").Split('\n').Select(l => l.Trim()).ToArray();
        var link = new Uri(lines.First(l => l.StartsWith("https://", StringComparison.Ordinal) && l.Contains("secret=", StringComparison.Ordinal)));
        var secret = Uri.UnescapeDataString(link.Query.TrimStart('?').Split('&').Single(p => p.StartsWith("secret=", StringComparison.Ordinal))["secret=".Length..]);
        var code = lines.FirstOrDefault(l => l.Length == 6 && l.All(char.IsAsciiDigit));
        return new QuickstartMail(mail.To.Mailboxes.Single().Address, secret, code, $"\"{mail.Subject}\" in {Path.GetFileName(Path.GetDirectoryName(file.FullName))}/{file.Name}");
    }
}

/// <summary>One mail: to whom, the secret of its link, its one-time code if it has one, and a line describing it.</summary>
internal sealed record QuickstartMail(string Recipient, string Secret, string? OneTimePassword, string Description);
