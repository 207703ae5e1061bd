using System.Buffers;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace InvitationKit.Samples.Web.Mail;

/// <summary>Where the SMTP catcher puts each mail it accepts: a file of the <see cref="MailFolder"/>.</summary>
internal sealed class MailFolderStore(MailFolder folder) : MessageStore
{
    public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
    {
        await folder.SaveAsync(buffer, cancellationToken);
        return SmtpResponse.Ok;
    }
}
