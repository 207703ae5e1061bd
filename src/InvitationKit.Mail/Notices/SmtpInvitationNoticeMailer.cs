using InvitationKit.Ports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace InvitationKit.Mail;

/// <summary>
/// Mails a notice over SMTP, one mail per recipient (<see cref="InvitationNoticeComposer"/>), through the scope's
/// <see cref="SmtpMailTransport"/>. A recipient whose mailbox is refused for good is skipped and the others still mailed;
/// any other failure fails the attempt, and the outbox retries the whole notice (each recipient's mail keeps its
/// <c>Message-ID</c>, so a server can drop the copy it already took). When no recipient is left — none found, or every
/// one refused for good — the notice is given up (<see cref="PermanentDeliveryException"/>).
/// </summary>
internal sealed class SmtpInvitationNoticeMailer : IInvitationNoticeMailer, IAsyncDisposable, IDisposable
{
    private readonly InvitationNoticeComposer _composer;
    private readonly SmtpMailTransport _transport;
    private readonly ILogger _logger;

    public SmtpInvitationNoticeMailer(InvitationNoticeComposer composer, IOptions<InvitationMailOptions> options, ILoggerFactory? loggerFactory = null)
    {
        _composer = composer;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<SmtpInvitationNoticeMailer>();
        _transport = new SmtpMailTransport(options.Value.Smtp, _logger);
    }

    public async Task SendAsync(InvitationNotice notice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var mails = await _composer.ComposeAsync(notice, cancellationToken).ConfigureAwait(false);
        var delivered = 0;
        PermanentDeliveryException? refused = null;
        try
        {
            foreach (var mail in mails)
            {
                try
                {
                    await _transport.SendAsync(mail.Mime, cancellationToken).ConfigureAwait(false);
                    delivered++;
                    Log.NoticeSent(_logger, notice.InvitationId, mail.Culture);
                }
                catch (PermanentDeliveryException exception)
                {
                    Log.NoticeRecipientRefused(_logger, notice.InvitationId, exception);
                    refused = exception;
                }
            }
        }
        finally
        {
            foreach (var mail in mails)
            {
                mail.Mime.Dispose();
            }
        }

        if (delivered == 0)
        {
            throw refused ?? NoticeRecipients.NoneLeft(notice);
        }
    }

    public ValueTask DisposeAsync() => _transport.DisposeAsync();

    public void Dispose() => _transport.Dispose();
}
