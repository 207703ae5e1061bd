using InvitationKit.Mail;
using Microsoft.AspNetCore.Identity.UI.Services;
using Microsoft.Extensions.Options;
using MimeKit;

namespace InvitationKit.Samples.Starter;

/// <summary>
/// Identity's account mail (a registration's confirmation link, a password reset) written as <c>.eml</c> files into the
/// folder the kit's mail goes to (<c>InvitationKit:Mail:PickupDirectory</c>), for development. A real app sends it with its
/// own mail service. Without any sender, Identity's UI would show a new registration's confirmation link on its own page,
/// so anyone could confirm any address: the starter refuses to start that way.
/// </summary>
/// <param name="options">The kit's mail options: the sender and the folder.</param>
public sealed class PickupAccountMailer(IOptions<InvitationMailOptions> options) : IEmailSender
{
    /// <inheritdoc />
    public async Task SendEmailAsync(string email, string subject, string htmlMessage)
    {
        var settings = options.Value;
        using var mail = new MimeMessage();
        mail.From.Add(MailboxAddress.Parse(settings.From!)); // checked at start-up
        mail.To.Add(MailboxAddress.Parse(email));
        mail.Subject = subject;
        mail.Body = new TextPart("html") { Text = htmlMessage };
        var folder = Directory.CreateDirectory(settings.PickupDirectory!).FullName;
        await mail.WriteToAsync(Path.Combine(folder, $"account-{Guid.NewGuid():N}.eml"));
    }
}
