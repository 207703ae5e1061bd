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
        await PickupDirectoryWriter.WriteAsync(_directory, message.MessageId, mime, cancellationToken).ConfigureAwait(false);
        Log.WrittenToPickupDirectory(_logger, message.InvitationId, composed.Culture);
    }
}
