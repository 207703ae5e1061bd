using System.Globalization;
using InvitationKit.Ports;
using Microsoft.Extensions.Options;
using NodaTime;

namespace InvitationKit.Mail;

/// <summary>
/// The invitation's language (<see cref="InvitationMessage.Language"/>, rule 25) when it names one, else the deployment's
/// <see cref="InvitationMailOptions.DefaultCulture"/>; always <see cref="InvitationMailOptions.TimeZone"/>. A language
/// the mail lacks falls back to its nearest supported parent (<c>ru-RU</c> to <c>ru</c>), else to the default.
/// </summary>
internal sealed class DefaultInvitationMailLocaleResolver(IOptions<InvitationMailOptions> options) : IInvitationMailLocaleResolver
{
    private readonly InvitationMailLocale _locale = new(
        CultureInfo.GetCultureInfo(options.Value.DefaultCulture),
        DateTimeZoneProviders.Tzdb[options.Value.TimeZone]);

    public ValueTask<InvitationMailLocale> ResolveAsync(InvitationMessage message, CancellationToken cancellationToken) =>
        ValueTask.FromResult(message.Language is { } language && Culture(language) is { } culture ? _locale with { Culture = culture } : _locale);

    /// <summary>The culture of a BCP 47 tag; null when .NET knows no culture by that name.</summary>
    private static CultureInfo? Culture(string language)
    {
        try
        {
            return CultureInfo.GetCultureInfo(language);
        }
        catch (CultureNotFoundException)
        {
            return null;
        }
    }
}
