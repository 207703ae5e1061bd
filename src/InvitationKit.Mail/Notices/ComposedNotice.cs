using MimeKit;

namespace InvitationKit.Mail;

/// <summary>One recipient's notice mail, ready to hand over.</summary>
/// <param name="MessageId">The mail's id, stable across attempts: the notice's id and the recipient's, hashed.</param>
/// <param name="Mime">The message.</param>
/// <param name="Culture">The culture it is written in.</param>
internal sealed record ComposedNotice(Guid MessageId, MimeMessage Mime, string Culture);
