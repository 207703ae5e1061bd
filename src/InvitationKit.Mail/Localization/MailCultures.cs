using System.Globalization;

namespace InvitationKit.Mail;

/// <summary>Chooses the supported culture a mail is written in.</summary>
internal static class MailCultures
{
    /// <summary>The culture itself when supported, else its nearest supported parent, else <paramref name="fallback"/>.</summary>
    public static CultureInfo Choose(CultureInfo? requested, IList<string> supported, CultureInfo fallback)
    {
        for (var culture = requested; culture is not null && culture.Name.Length > 0; culture = culture.Parent)
        {
            if (supported.Any(name => string.Equals(name, culture.Name, StringComparison.OrdinalIgnoreCase)))
            {
                return culture;
            }
        }

        return fallback;
    }
}
