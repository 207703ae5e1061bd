using InvitationKit.Ports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace InvitationKit.Mail;

/// <summary>
/// Renders each invitation mail in its invitee's language and hands it to the SMTP server through the scope's
/// <see cref="SmtpMailTransport"/> (pooled connections, timeouts, failures mapped onto the outbox).
/// </summary>
internal sealed class SmtpInvitationMailer : IInvitationMailer, IAsyncDisposable, IDisposable
{
    private readonly InvitationMailComposer _composer;
    private readonly SmtpMailTransport _transport;
    private readonly ILogger _logger;

    public SmtpInvitationMailer(InvitationMailComposer composer, IOptions<InvitationMailOptions> options, ILoggerFactory? loggerFactory = null)
    {
        _composer = composer;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<SmtpInvitationMailer>();
        _transport = new SmtpMailTransport(options.Value.Smtp, _logger);
    }

    public async Task SendAsync(InvitationMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var composed = await _composer.ComposeAsync(message, cancellationToken).ConfigureAwait(false);
        using var mime = composed.Mime;
        await _transport.SendAsync(mime, cancellationToken).ConfigureAwait(false);
        Log.Sent(_logger, message.InvitationId, composed.Culture);
    }

    public ValueTask DisposeAsync() => _transport.DisposeAsync();

    public void Dispose() => _transport.Dispose();
}
