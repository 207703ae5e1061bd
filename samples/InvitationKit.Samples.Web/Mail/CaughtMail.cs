using NodaTime;

namespace InvitationKit.Samples.Web.Mail;

/// <summary>A mail the development SMTP catcher received, as the Mailbox page lists it.</summary>
/// <param name="Id">The name of its file, without <c>.eml</c>.</param>
/// <param name="To">Its <c>To</c> addresses.</param>
/// <param name="Subject">Its subject.</param>
/// <param name="Received">When the catcher received it.</param>
public sealed record CaughtMail(string Id, string To, string Subject, Instant Received);
