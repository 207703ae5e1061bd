using System.Globalization;

namespace InvitationKit.Mail.Tests.Infrastructure;

/// <summary>Fixed notices and a notice renderer over options a test may change, so renders are reproducible.</summary>
internal static class NoticeSamples
{
    /// <summary>Every kind of notice mail: a scenario name and its model.</summary>
    public static readonly string[] Scenarios = ["notice-new-invitation-requested", "notice-new-invitation-requested-revoked", "notice-reminder"];

    public static InvitationNotice Request { get; } = new()
    {
        Kind = InvitationNoticeKind.NewInvitationRequested,
        MessageId = Guid.Parse("0192f1e4-0000-8000-8000-0000000000bb"),
        RecipientUserIds = ["maria"],
        InvitationId = Guid.Parse("0192f1e4-0000-7000-8000-000000000001"),
        Account = new AccountInfo("acme", "Acme Corp"),
        ProductId = "cloud",
        InviteeEmail = "bob@example.com",
        InvitedBy = "olivia",
        ExpiresAt = MailSamples.Now - Duration.FromDays(2),
        Status = InvitationStatus.Expired,
    };

    public static NoticeMailModel Model(string scenario) => scenario switch
    {
        // Olivia can no longer manage the account: the managers are told, Maria among them.
        "notice-new-invitation-requested" => new(Request, "Conversational Cloud", "Maria Manager", "Olivia Owner", ToInviter: false),
        "notice-new-invitation-requested-revoked" => new(Request with { Status = InvitationStatus.Revoked, RecipientUserIds = ["olivia"] }, "Conversational Cloud", "Olivia Owner", "Olivia Owner", ToInviter: true),
        "notice-reminder" => new(Request with { Kind = InvitationNoticeKind.ReminderToInviter, Status = InvitationStatus.Pending, ExpiresAt = MailSamples.Now + Duration.FromDays(2), RecipientUserIds = ["olivia"] }, "Conversational Cloud", null, "Olivia Owner", ToInviter: true),
        _ => throw new ArgumentOutOfRangeException(nameof(scenario)),
    };

    /// <summary>Renders a notice mail as the notice mailer does, in a culture and time zone.</summary>
    public static async Task<RenderedMail> RenderAsync(NoticeMailModel model, string culture, string zone = "UTC", Action<InvitationMailOptions>? configure = null)
    {
        var options = MailSamples.Options(configure);
        using var templates = new MailTemplates(Microsoft.Extensions.Options.Options.Create(options));
        var renderer = new InvitationNoticeRenderer(templates, Microsoft.Extensions.Options.Options.Create(options));
        return await renderer.RenderAsync(model, renderer.Culture(culture), DateTimeZoneProviders.Tzdb[zone], MailSamples.Now, CancellationToken.None);
    }
}
