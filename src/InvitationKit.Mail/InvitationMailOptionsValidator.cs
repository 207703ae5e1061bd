using System.Globalization;
using Microsoft.Extensions.Options;
using MimeKit;
using NodaTime;

namespace InvitationKit.Mail;

/// <summary>
/// Validates <see cref="InvitationMailOptions"/> at start-up, reporting every problem at once with its fix; when the
/// options are sound, it also renders every template of every supported culture once (<see cref="MailTemplateCheck"/>).
/// </summary>
internal sealed class InvitationMailOptionsValidator(IOptions<InvitationKitOptions> kit) : IValidateOptions<InvitationMailOptions>
{
    public ValidateOptionsResult Validate(string? name, InvitationMailOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.From) || !MailboxAddress.TryParse(options.From, out var from) || string.IsNullOrEmpty(from.Domain))
        {
            failures.Add($"InvitationMailOptions.From must be the sender's mailbox, e.g. 'no-reply@acme.example' or 'Acme <no-reply@acme.example>' (it is '{options.From}').");
        }

        failures.AddRange(InvitationLinks.Problems(options));
        var cultures = CultureProblems(options);
        failures.AddRange(cultures);
        if (DateTimeZoneProviders.Tzdb.GetZoneOrNull(options.TimeZone ?? string.Empty) is null)
        {
            failures.Add($"InvitationMailOptions.TimeZone must be an IANA time zone id such as 'UTC' or 'Europe/Moscow' (it is '{options.TimeZone}').");
        }

        if (options.TemplateDirectory is { Length: > 0 } directory && !Directory.Exists(directory))
        {
            failures.Add($"InvitationMailOptions.TemplateDirectory '{Path.GetFullPath(directory)}' does not exist; create it or remove the setting.");
        }

        if (options.TemplateProviders.Any(p => p is null))
        {
            failures.Add("InvitationMailOptions.TemplateProviders must not hold null.");
        }

        if (options.PickupDirectory is null)
        {
            failures.AddRange(SmtpProblems(options.Smtp));
        }
        else if (string.IsNullOrWhiteSpace(options.PickupDirectory) || options.PickupDirectory.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            failures.Add($"InvitationMailOptions.PickupDirectory must be a directory path, e.g. 'mail' (it is '{options.PickupDirectory}'); remove it to send over SMTP.");
        }
        if (failures.Count == 0)
        {
            failures.AddRange(MailTemplateCheck.Problems(options));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static List<string> CultureProblems(InvitationMailOptions options)
    {
        var failures = new List<string>();
        if (options.SupportedCultures is not { Count: > 0 } supported)
        {
            failures.Add("InvitationMailOptions.SupportedCultures must name at least one culture, e.g. 'en'.");
            return failures;
        }

        foreach (var culture in supported.Where(c => !IsCulture(c)))
        {
            failures.Add($"InvitationMailOptions.SupportedCultures holds '{culture}', which is not a culture this machine knows; use names such as 'en' or 'ru' (and do not run with InvariantGlobalization).");
        }

        if (supported.Distinct(StringComparer.OrdinalIgnoreCase).Count() != supported.Count)
        {
            failures.Add("InvitationMailOptions.SupportedCultures must not name a culture twice.");
        }

        if (!supported.Contains(options.DefaultCulture ?? string.Empty, StringComparer.OrdinalIgnoreCase))
        {
            failures.Add($"InvitationMailOptions.DefaultCulture must be one of SupportedCultures ({string.Join(", ", supported)}); it is '{options.DefaultCulture}'.");
        }

        return failures;
    }

    private IEnumerable<string> SmtpProblems(InvitationSmtpOptions? smtp)
    {
        if (smtp is null)
        {
            yield return "InvitationMailOptions.Smtp must not be null.";
            yield break;
        }

        if (string.IsNullOrWhiteSpace(smtp.Host))
        {
            yield return "InvitationMailOptions.Smtp.Host must name your SMTP server, e.g. 'smtp.example.com'.";
        }

        if (smtp.Port is < 1 or > 65535)
        {
            yield return $"InvitationMailOptions.Smtp.Port must be between 1 and 65535 (it is {smtp.Port}); 587 with StartTls, 465 with SslOnConnect.";
        }

        if (!Enum.IsDefined(smtp.Security))
        {
            yield return $"InvitationMailOptions.Smtp.Security '{smtp.Security}' is not known; use StartTls, SslOnConnect or None.";
        }
        else if (smtp.Security == SmtpSecurity.None && !string.IsNullOrEmpty(smtp.UserName))
        {
            yield return "InvitationMailOptions.Smtp.UserName is set with Security None: credentials are never sent unencrypted. Use StartTls or SslOnConnect, or remove the user name.";
        }

        if (string.IsNullOrEmpty(smtp.UserName) && !string.IsNullOrEmpty(smtp.Password))
        {
            yield return "InvitationMailOptions.Smtp.Password is set without a UserName; set both, or neither.";
        }

        if (smtp.MaxConnections is < 1 or > 16)
        {
            yield return $"InvitationMailOptions.Smtp.MaxConnections must be between 1 and 16 (it is {smtp.MaxConnections}).";
        }

        if (smtp.Timeout < InvitationMailDefaults.MinTimeout || smtp.Timeout > InvitationMailDefaults.MaxTimeout)
        {
            yield return $"InvitationMailOptions.Smtp.Timeout must be between {InvitationMailDefaults.MinTimeout} and {InvitationMailDefaults.MaxTimeout} (it is {smtp.Timeout}).";
        }
        else if (kit.Value.Delivery is { } delivery && Duration.FromTimeSpan(smtp.Timeout) >= delivery.LeaseTimeout)
        {
            yield return $"InvitationMailOptions.Smtp.Timeout ({smtp.Timeout}) must be shorter than InvitationKitOptions.Delivery.LeaseTimeout ({delivery.LeaseTimeout}), or another instance may send a mail still in flight again.";
        }
    }

    private static bool IsCulture(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return false;
        }

        try
        {
            return CultureInfo.GetCultureInfo(name, predefinedOnly: true).Name.Length > 0;
        }
        catch (CultureNotFoundException)
        {
            return false;
        }
    }
}
