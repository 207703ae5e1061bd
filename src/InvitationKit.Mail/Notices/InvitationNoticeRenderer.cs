using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Fluid;
using Fluid.Values;
using Microsoft.Extensions.Options;
using NodaTime;

namespace InvitationKit.Mail;

/// <summary>
/// Renders a notice mail for one recipient: picks the supported culture, builds the template model (docs/mail.md lists
/// it), and renders the subject (one line), the HTML (every value HTML-encoded) and the text (values verbatim, each on one
/// line), as <see cref="InvitationMailRenderer"/> does for invitations.
/// </summary>
internal sealed class InvitationNoticeRenderer
{
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    private readonly MailTemplates _templates;
    private readonly InvitationLinks _links;
    private readonly InvitationMailOptions _options;
    private readonly CultureInfo _default;

    public InvitationNoticeRenderer(MailTemplates templates, IOptions<InvitationMailOptions> options)
        : this(templates, options.Value)
    {
    }

    public InvitationNoticeRenderer(MailTemplates templates, InvitationMailOptions options)
    {
        _templates = templates;
        _options = options;
        _links = new InvitationLinks(options);
        _default = CultureInfo.GetCultureInfo(options.DefaultCulture);
    }

    /// <summary>The template kind of a notice.</summary>
    public static string Kind(InvitationNoticeKind kind) => kind switch
    {
        InvitationNoticeKind.ReminderToInviter => MailTemplateNames.NoticeReminder,
        _ => MailTemplateNames.NoticeNewInvitationRequested,
    };

    /// <summary>
    /// The supported culture of a BCP 47 tag (a contact's language), its nearest supported parent, else
    /// <see cref="InvitationMailOptions.DefaultCulture"/>.
    /// </summary>
    public CultureInfo Culture(string? language)
    {
        CultureInfo? requested = null;
        if (!string.IsNullOrWhiteSpace(language))
        {
            try
            {
                requested = CultureInfo.GetCultureInfo(language);
            }
            catch (CultureNotFoundException)
            {
                // an unknown tag: the default
            }
        }

        return MailCultures.Choose(requested, _options.SupportedCultures, _default);
    }

    /// <summary>Renders one recipient's notice mail in <paramref name="culture"/> and <paramref name="zone"/>, as of <paramref name="now"/>.</summary>
    public async Task<RenderedMail> RenderAsync(NoticeMailModel model, CultureInfo culture, DateTimeZone zone, Instant now, CancellationToken cancellationToken)
    {
        var kind = Kind(model.Notice.Kind);
        var context = _templates.NewContext(culture);
        context.CancellationToken = cancellationToken;
        Fill(context, model, zone, now);

        var subject = MailText.SingleLine(await _templates.RenderAsync(kind, MailTemplateNames.Subject, context, NullEncoder.Default).ConfigureAwait(false));
        context.SetValue("subject", StringValue.Create(subject));
        var html = await _templates.RenderAsync(kind, MailTemplateNames.Html, context, Html).ConfigureAwait(false);
        var text = await _templates.RenderAsync(kind, MailTemplateNames.Text, context, NullEncoder.Default).ConfigureAwait(false);
        return new RenderedMail(subject, html, text, culture);
    }

    /// <summary>The notice's template model: docs/mail.md documents every name. No secret, no code, no other recipient.</summary>
    private void Fill(TemplateContext context, NoticeMailModel model, DateTimeZone zone, Instant now)
    {
        var notice = model.Notice;
        context.SetValue("culture", StringValue.Create(context.CultureInfo.Name));
        context.SetValue("time_zone", StringValue.Create(zone.Id));
        context.SetValue("recipient_name", Optional(MailText.SingleLine(model.RecipientName)));
        context.SetValue("inviter", Optional(MailText.SingleLine(model.Inviter)));
        context.SetValue("to_inviter", BooleanValue.Create(model.ToInviter));
        context.SetValue("invitee", StringValue.Create(MailText.SingleLine(notice.InviteeEmail)));
        context.SetValue("account", StringValue.Create(MailText.SingleLine(notice.Account.Name)));
        context.SetValue("product", StringValue.Create(MailText.SingleLine(model.Product)));
        context.SetValue("status", StringValue.Create(notice.Status.ToString().ToLowerInvariant()));
        context.SetValue("account_link", StringValue.Create(_links.Account(notice.Account.Id)));
        context.SetValue("expires_at", DateTimeValue.Create(notice.ExpiresAt.InZone(zone).ToDateTimeOffset()));
        context.SetValue("days_left", Whole((notice.ExpiresAt - now).TotalDays));
        context.SetValue("hours_left", Whole((notice.ExpiresAt - now).TotalHours));
    }

    private static FluidValue Optional(string? text) => string.IsNullOrEmpty(text) ? NilValue.Instance : StringValue.Create(text);

    private static FluidValue Whole(double value) => NumberValue.Create((decimal)Math.Max(0, Math.Round(value, MidpointRounding.AwayFromZero)));
}
