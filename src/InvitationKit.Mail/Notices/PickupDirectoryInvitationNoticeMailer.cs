using InvitationKit.Ports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace InvitationKit.Mail;

/// <summary>
/// Writes each recipient's notice mail, exactly as it would go over SMTP, to an <c>.eml</c> file in
/// <see cref="InvitationMailOptions.PickupDirectory"/>, named after the mail's <c>Message-ID</c> (a retried notice
/// replaces its earlier files). No recipient found gives the notice up, as over SMTP.
/// </summary>
internal sealed class PickupDirectoryInvitationNoticeMailer(
    InvitationNoticeComposer composer,
    IOptions<InvitationMailOptions> options,
    ILoggerFactory? loggerFactory = null) : IInvitationNoticeMailer
{
    private readonly string _directory = Path.GetFullPath(options.Value.PickupDirectory!); // checked at start-up
    private readonly ILogger _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<PickupDirectoryInvitationNoticeMailer>();

    public async Task SendAsync(InvitationNotice notice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var mails = await composer.ComposeAsync(notice, cancellationToken).ConfigureAwait(false);
        if (mails.Count == 0)
        {
            throw NoticeRecipients.NoneLeft(notice);
        }

        try
        {
            foreach (var mail in mails)
            {
                await PickupDirectoryWriter.WriteAsync(_directory, mail.MessageId, mail.Mime, cancellationToken).ConfigureAwait(false);
                Log.NoticeWrittenToPickupDirectory(_logger, notice.InvitationId, mail.Culture);
            }
        }
        finally
        {
            foreach (var mail in mails)
            {
                mail.Mime.Dispose();
            }
        }
    }
}
