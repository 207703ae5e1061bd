using System.Globalization;

namespace InvitationKit.Mail;

/// <summary>
/// The plural form of a whole number for the Liquid filter <c>plural</c>, after CLDR's cardinal rules: Russian, Ukrainian
/// and Belarusian take three forms (one, few, many: 1 день, 2 дня, 5 дней, 11 дней, 21 день), every other language two
/// (one for exactly 1, other).
/// </summary>
internal static class PluralRules
{
    /// <summary>The index of the form to use among the forms the template gives.</summary>
    public static int FormIndex(CultureInfo culture, long number)
    {
        var n = Math.Abs(number);
        return culture.TwoLetterISOLanguageName switch
        {
            "ru" or "uk" or "be" => (n % 10, n % 100) switch
            {
                (1, not 11) => 0,
                (>= 2 and <= 4, < 12 or > 14) => 1,
                _ => 2,
            },
            _ => n == 1 ? 0 : 1,
        };
    }
}
