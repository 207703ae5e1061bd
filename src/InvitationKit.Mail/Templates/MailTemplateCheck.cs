using System.Globalization;
using InvitationKit.Ports;
using NodaTime;

namespace InvitationKit.Mail;

/// <summary>
/// Proves at start-up that every supported culture has every template and that each renders: a missing file, a
/// template that does not parse, or a partial or filter that fails is reported with its fix, not found by the first
/// invitee.
/// </summary>
internal static class MailTemplateCheck
{
    private static readonly Instant SampleNow = Instant.FromUtc(2026, 1, 1, 0, 0);

    public static IEnumerable<string> Problems(InvitationMailOptions options)
    {
        using var templates = new MailTemplates(options);
        var renderer = new InvitationMailRenderer(templates, options);
        var problems = new List<string>();
        foreach (var name in options.SupportedCultures)
        {
            var culture = CultureInfo.GetCultureInfo(name);
            var missing = MailTemplateNames.Kinds
                .SelectMany(kind => MailTemplateNames.Parts.Select(part => MailTemplateNames.File(kind, part)))
                .Where(file => templates.Files.Find(file, culture) is null)
                .ToArray();
            if (missing.Length > 0)
            {
                problems.Add($"The mail templates {string.Join(", ", missing)} are missing for the culture '{name}'. Add them as {name}/<name> to InvitationMailOptions.TemplateDirectory (or a TemplateProviders source), or remove '{name}' from SupportedCultures.");
                continue;
            }

            foreach (var sample in Samples())
            {
                try
                {
                    // The built-in and the host's sources are read synchronously underneath: this completes at once.
                    renderer.RenderAsync(sample, new InvitationMailLocale(culture, DateTimeZone.Utc), "Sample Inviter", SampleNow, CancellationToken.None).GetAwaiter().GetResult();
                }
                catch (FileNotFoundException partial)
                {
                    problems.Add($"The mail templates for the culture '{name}' include '{partial.Message}', which is missing: add {name}/{partial.Message}.liquid (the built-in partials are per language; copy one from en/).");
                    break;
                }
                catch (Exception exception)
                {
                    problems.Add($"The mail templates for the culture '{name}' fail to render a {(sample.IsResend ? "resend" : sample.Kind.ToString())} mail: {exception.Message}");
                    break;
                }
            }
        }

        return problems;
    }

    /// <summary>
    /// As <see cref="Problems"/> for the notice templates (<c>UseSmtpNoticeMailer</c> only): every supported culture has
    /// both notice kinds in three parts, and each renders.
    /// </summary>
    public static IEnumerable<string> NoticeProblems(InvitationMailOptions options)
    {
        using var templates = new MailTemplates(options);
        var renderer = new InvitationNoticeRenderer(templates, options);
        var problems = new List<string>();
        foreach (var name in options.SupportedCultures)
        {
            var culture = CultureInfo.GetCultureInfo(name);
            var missing = MailTemplateNames.NoticeKinds
                .SelectMany(kind => MailTemplateNames.Parts.Select(part => MailTemplateNames.File(kind, part)))
                .Where(file => templates.Files.Find(file, culture) is null)
                .ToArray();
            if (missing.Length > 0)
            {
                problems.Add($"The notice mail templates {string.Join(", ", missing)} are missing for the culture '{name}' (UseSmtpNoticeMailer needs them). Add them as {name}/<name> to InvitationMailOptions.TemplateDirectory (or a TemplateProviders source), or remove '{name}' from SupportedCultures.");
                continue;
            }

            foreach (var sample in NoticeSamples())
            {
                try
                {
                    renderer.RenderAsync(sample, culture, DateTimeZone.Utc, SampleNow, CancellationToken.None).GetAwaiter().GetResult();
                }
                catch (FileNotFoundException partial)
                {
                    problems.Add($"The notice mail templates for the culture '{name}' include '{partial.Message}', which is missing: add {name}/{partial.Message}.liquid (the built-in partials are per language; copy one from en/).");
                    break;
                }
                catch (Exception exception)
                {
                    problems.Add($"The notice mail templates for the culture '{name}' fail to render a {sample.Notice.Kind} notice: {exception.Message}");
                    break;
                }
            }
        }

        return problems;
    }

    private static IEnumerable<NoticeMailModel> NoticeSamples()
    {
        var request = new InvitationNotice
        {
            Kind = InvitationNoticeKind.NewInvitationRequested,
            MessageId = Guid.Empty,
            RecipientUserIds = ["sample"],
            InvitationId = Guid.Empty,
            Account = new AccountInfo("sample", "Sample Account"),
            ProductId = "sample",
            InviteeEmail = "invitee@example.com",
            InvitedBy = "sample",
            ExpiresAt = SampleNow - Duration.FromDays(1),
            Status = InvitationStatus.Expired,
        };
        var reminder = request with { Kind = InvitationNoticeKind.ReminderToInviter, ExpiresAt = SampleNow + Duration.FromDays(1), Status = InvitationStatus.Pending };
        return
        [
            new(request, "Sample Product", "Sample Manager", "Sample Inviter", ToInviter: false),
            new(request with { Status = InvitationStatus.Revoked }, "Sample Product", null, null, ToInviter: true),
            new(reminder, "Sample Product", null, "Sample Inviter", ToInviter: true),
            new(reminder, "Sample Product", "Sample Manager", null, ToInviter: false),
        ];
    }

    private static IEnumerable<InvitationMessage> Samples()
    {
        var existing = new InvitationMessage
        {
            InvitationId = Guid.Empty,
            MessageId = Guid.Empty,
            Recipient = EmailAddress.Parse("invitee@example.com"),
            Account = new AccountInfo("sample", "Sample Account"),
            Product = new ProductInfo("sample", "Sample Product"),
            InvitedBy = "sample",
            Roles = ["USER_ADMIN", "EDITOR"],
            GrantsOwner = true,
            Kind = InvitationKind.ExistingUser,
            Secret = "sample-secret",
            ExpiresAt = SampleNow + Duration.FromDays(7),
            IsResend = false,
        };
        var newUser = existing with { Kind = InvitationKind.NewUser, OneTimePassword = "123456", OtpExpiresAt = SampleNow + Duration.FromDays(1) };
        return [existing, newUser, existing with { IsResend = true }, newUser with { IsResend = true }, newUser with { Secret = string.Empty, LinkDeliveredByHost = true }];
    }
}
