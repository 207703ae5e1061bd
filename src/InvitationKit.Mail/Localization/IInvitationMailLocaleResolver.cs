using InvitationKit.Ports;

namespace InvitationKit.Mail;

/// <summary>
/// Chooses the language and time zone of each invitation mail. The default answers
/// <see cref="InvitationMailOptions.DefaultCulture"/> and <see cref="InvitationMailOptions.TimeZone"/> for every mail;
/// register your own (before or after <c>UseSmtpMailer</c>) to choose per invitation or per invitee — e.g. from the
/// invitee's profile, the account's country, or a language stored with the invitation.
/// </summary>
public interface IInvitationMailLocaleResolver
{
    /// <summary>Chooses the locale of one mail.</summary>
    /// <param name="message">The mail's invitation (its secrets are not needed to choose and must not be kept).</param>
    /// <param name="cancellationToken">Cancels the choice.</param>
    /// <returns>The locale; an unsupported culture falls back to its nearest supported parent, else to the default.</returns>
    ValueTask<InvitationMailLocale> ResolveAsync(InvitationMessage message, CancellationToken cancellationToken);
}
