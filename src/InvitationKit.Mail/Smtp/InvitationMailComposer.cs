using InvitationKit.Ports;
using Microsoft.Extensions.Options;
using MimeKit;
using NodaTime;

namespace InvitationKit.Mail;

/// <summary>
/// Turns an outbox message into the MIME message both transports hand over: the invitee's language and the inviter's
/// name resolved, the templates rendered, the message built (<see cref="InvitationMimeMessage"/>).
/// </summary>
internal sealed class InvitationMailComposer(
    InvitationMailRenderer renderer,
    IInvitationMailLocaleResolver locales,
    IInviterNameResolver inviters,
    IOptions<InvitationMailOptions> options,
    IClock clock)
{
    private readonly MailboxAddress _from = MailboxAddress.Parse(options.Value.From!); // checked at start-up

    /// <summary>The mail of <paramref name="message"/>, and the culture it was written in.</summary>
    public async Task<(MimeMessage Mime, string Culture)> ComposeAsync(InvitationMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var locale = await locales.ResolveAsync(message, cancellationToken).ConfigureAwait(false);
        var inviter = await inviters.ResolveAsync(message, cancellationToken).ConfigureAwait(false);
        var now = clock.GetCurrentInstant();
        var mail = await renderer.RenderAsync(message, locale, inviter, now, cancellationToken).ConfigureAwait(false);
        return (InvitationMimeMessage.Create(message, mail, _from, now), mail.Culture.Name);
    }
}
