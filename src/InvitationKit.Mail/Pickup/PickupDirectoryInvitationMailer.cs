using InvitationKit.Ports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace InvitationKit.Mail;

/// <summary>
/// Writes each invitation mail, exactly as it would go over SMTP, to an <c>.eml</c> file in
/// <see cref="InvitationMailOptions.PickupDirectory"/> instead of sending it: for development, demos and tests. The file
/// is named after the outbox's message id, so a retried mail replaces its earlier copy, and it appears whole (written
/// beside, then moved into place).
/// </summary>
internal sealed class PickupDirectoryInvitationMailer(
    InvitationMailComposer composer,
    IOptions<InvitationMailOptions> options,
    ILoggerFactory? loggerFactory = null) : IInvitationMailer
{
    private readonly string _directory = Path.GetFullPath(options.Value.PickupDirectory!); // checked at start-up
    private readonly ILogger _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<PickupDirectoryInvitationMailer>();

    public async Task SendAsync(InvitationMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var composed = await composer.ComposeAsync(message, cancellationToken).ConfigureAwait(false);
        using var mime = composed.Mime;
        Directory.CreateDirectory(_directory);
        var file = Path.Combine(_directory, $"{message.MessageId:N}.eml");
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

        Log.WrittenToPickupDirectory(_logger, message.InvitationId, composed.Culture);
    }
}
