using System.Globalization;
using Microsoft.Extensions.Options;

namespace InvitationKit.Mail.Tests.Infrastructure;

/// <summary>Fixed invitation messages and a renderer over options a test may change, so renders are reproducible.</summary>
internal static class MailSamples
{
    public const string Secret = "Lk3_x9QwErTyUiOpAsDfGhJkLzXcVbNm1234567890-";
    public const string Code = "482913";
    public static readonly Instant Now = Instant.FromUtc(2026, 12, 1, 11, 0);

    /// <summary>Every kind of mail: the template it is written with, and a message.</summary>
    public static readonly string[] Scenarios = ["existing-user", "new-user", "resend-existing-user", "resend-new-user", "host-delivered-new-user"];

    public static InvitationMessage Message(string scenario) => scenario switch
    {
        "existing-user" => Existing with { Roles = ["EDITOR"] },
        "new-user" => NewUser,
        "resend-existing-user" => Existing with { IsResend = true, InvitedBy = "nobody", Roles = ["USER_ADMIN"], GrantsOwner = true, ExpiresAt = Now + Duration.FromDays(3) },
        "resend-new-user" => NewUser with { IsResend = true, Roles = ["VIEWER"] },
        "host-delivered-new-user" => NewUser with { Secret = string.Empty, LinkDeliveredByHost = true }, // rule 24: the code only
        _ => throw new ArgumentOutOfRangeException(nameof(scenario)),
    };

    public static string? Inviter(InvitationMessage message) => message.InvitedBy == "olivia" ? "Olivia Owner" : null;

    public static InvitationMessage Existing { get; } = new()
    {
        InvitationId = Guid.Parse("0192f1e4-0000-7000-8000-000000000001"),
        MessageId = Guid.Parse("0192f1e4-0000-8000-8000-0000000000aa"),
        Recipient = EmailAddress.Parse("bob@example.com"),
        Account = new AccountInfo("acme", "Acme Corp"),
        Product = new ProductInfo("cloud", "Conversational Cloud"),
        InvitedBy = "olivia",
        Roles = ["EDITOR", "VIEWER"],
        GrantsOwner = false,
        Kind = InvitationKind.ExistingUser,
        Secret = Secret,
        ExpiresAt = Now + Duration.FromDays(7),
        IsResend = false,
    };

    public static InvitationMessage NewUser { get; } = Existing with
    {
        Recipient = EmailAddress.Parse("nina@newcomer.example"),
        Kind = InvitationKind.NewUser,
        OneTimePassword = Code,
        OtpExpiresAt = Now + Duration.FromHours(24),
    };

    public static InvitationMailOptions Options(Action<InvitationMailOptions>? configure = null)
    {
        var options = new InvitationMailOptions
        {
            From = "Acme <no-reply@acme.example>",
            BaseUrl = new Uri("https://app.acme.example/"),
            Smtp = { Host = "localhost" },
        };
        configure?.Invoke(options);
        return options;
    }

    /// <summary>Renders a message as the mailer does, in a culture and time zone.</summary>
    public static async Task<RenderedMail> RenderAsync(InvitationMessage message, string culture, string zone = "UTC", Action<InvitationMailOptions>? configure = null, string? inviter = null)
    {
        var options = Options(configure);
        using var templates = new MailTemplates(Microsoft.Extensions.Options.Options.Create(options));
        var renderer = new InvitationMailRenderer(templates, Microsoft.Extensions.Options.Options.Create(options));
        var locale = new InvitationMailLocale(CultureInfo.GetCultureInfo(culture), DateTimeZoneProviders.Tzdb[zone]);
        return await renderer.RenderAsync(message, locale, inviter ?? Inviter(message), Now, CancellationToken.None);
    }
}
