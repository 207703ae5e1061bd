using System.Globalization;

namespace InvitationKit.Mail;

/// <summary>One mail as rendered: a one-line subject, the HTML and the plain-text body, and the culture they are in.</summary>
internal sealed record RenderedMail(string Subject, string Html, string Text, CultureInfo Culture);
