using System.Globalization;
using InvitationKit.Ports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace InvitationKit.Mail;

/// <summary>
/// What <c>UseSmtpNoticeMailer</c> adds to the start-up validation of <see cref="InvitationMailOptions"/>: a
/// <see cref="IUserContactDirectory"/> is registered, <see cref="InvitationMailOptions.AccountPath"/> is sound, and every
/// supported culture has the notice templates (<see cref="MailTemplateCheck.NoticeProblems"/>). Registered only with the
/// notice mailer, so a host with a language of its own and no notice templates starts as before.
/// </summary>
internal sealed class NoticeMailOptionsValidator(IServiceProvider services) : IValidateOptions<InvitationMailOptions>
{
    public ValidateOptionsResult Validate(string? name, InvitationMailOptions options)
    {
        var failures = new List<string>();
        if (services.GetService<IServiceProviderIsService>() is { } registered && !registered.IsService(typeof(IUserContactDirectory)))
        {
            failures.Add(
                "UseSmtpNoticeMailer needs an IUserContactDirectory to find each notice recipient's address and language by user id: " +
                "call UseAspNetCoreIdentity (InvitationKit.AspNetCore) or UseInMemoryPorts (InvitationKit.Testing), or register your own " +
                "(services.AddScoped<IUserContactDirectory, MyContacts>()).");
        }

        failures.AddRange(InvitationLinks.AccountPathProblems(options));
        if (failures.Count == 0 && RendersAtAll(options))
        {
            failures.AddRange(MailTemplateCheck.NoticeProblems(options));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Whether the options the templates need are sound; when not, the invitation mail's validator says why.</summary>
    private static bool RendersAtAll(InvitationMailOptions options) =>
        !InvitationLinks.Problems(options).Any()
        && options.SupportedCultures is { Count: > 0 } supported
        && supported.Append(options.DefaultCulture).All(IsCulture);

    private static bool IsCulture(string? name)
    {
        try
        {
            return !string.IsNullOrWhiteSpace(name) && CultureInfo.GetCultureInfo(name, predefinedOnly: true).Name.Length > 0;
        }
        catch (CultureNotFoundException)
        {
            return false;
        }
    }
}
