using System.Globalization;
using NodaTime;

namespace InvitationKit.Mail;

/// <summary>The language and time zone one invitation mail is written in.</summary>
/// <param name="Culture">
/// The language (and formats) of the mail. When it is not one of <see cref="InvitationMailOptions.SupportedCultures"/>,
/// its nearest supported parent is used (<c>ru-RU</c> → <c>ru</c>), else <see cref="InvitationMailOptions.DefaultCulture"/>.
/// </param>
/// <param name="TimeZone">The time zone the mail's dates are shown in.</param>
/// <threadsafety>This type is immutable.</threadsafety>
public sealed record InvitationMailLocale(CultureInfo Culture, DateTimeZone TimeZone);
