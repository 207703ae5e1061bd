using MimeKit;

namespace InvitationKit.Mail;

/// <summary>
/// Writes a mail, exactly as it would go over SMTP, to an <c>.eml</c> file of the pickup directory: whole (written beside,
/// then moved into place), and replacing an earlier copy of the same name, so a retried mail leaves one file.
/// </summary>
internal static class PickupDirectoryWriter
{
    /// <summary>Writes <paramref name="mime"/> to <c><paramref name="directory"/>/<paramref name="id"/>.eml</c>.</summary>
    public static async Task WriteAsync(string directory, Guid id, MimeMessage mime, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, $"{id:N}.eml");
        var partial = $"{file}.{Guid.NewGuid():N}.partial";
        try
        {
            await mime.WriteToAsync(partial, cancellationToken).ConfigureAwait(false);
            File.Move(partial, file, overwrite: true);
        }
        finally
        {
            File.Delete(partial); // nothing left behind when writing failed; a no-op after the move
        }
    }
}
