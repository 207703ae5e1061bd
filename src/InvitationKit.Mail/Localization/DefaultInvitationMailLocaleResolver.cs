using System.Globalization;
using InvitationKit.Ports;
using Microsoft.Extensions.Options;
using NodaTime;

namespace InvitationKit.Mail;

/// <summary>The deployment's default for every mail: <see cref="InvitationMailOptions.DefaultCulture"/> and <see cref="InvitationMailOptions.TimeZone"/>.</summary>
internal sealed class DefaultInvitationMailLocaleResolver(IOptions<InvitationMailOptions> options) : IInvitationMailLocaleResolver
{
    private readonly InvitationMailLocale _locale = new(
        CultureInfo.GetCultureInfo(options.Value.DefaultCulture),
        DateTimeZoneProviders.Tzdb[options.Value.TimeZone]);

    public ValueTask<InvitationMailLocale> ResolveAsync(InvitationMessage message, CancellationToken cancellationToken) => ValueTask.FromResult(_locale);
}
