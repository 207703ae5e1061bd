using System.Text.Encodings.Web;
using System.Text.Unicode;
using Fluid;
using Fluid.Values;
using InvitationKit.Ports;
using Microsoft.Extensions.Options;
using NodaTime;

namespace InvitationKit.Mail;

/// <summary>
/// Renders an invitation mail: picks the supported culture, builds the template model (docs/mail.md lists it), and
/// renders the subject (one line), the HTML (every value HTML-encoded) and the text (values verbatim, each on one line).
/// </summary>
internal sealed class InvitationMailRenderer
{
    // Encodes what HTML needs (<, >, &, quotes) but keeps every letter readable, Cyrillic included.
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    private readonly MailTemplates _templates;
    private readonly InvitationLinks _links;
    private readonly InvitationMailOptions _options;

    public InvitationMailRenderer(MailTemplates templates, IOptions<InvitationMailOptions> options)
        : this(templates, options.Value)
    {
    }

    public InvitationMailRenderer(MailTemplates templates, InvitationMailOptions options)
    {
        _templates = templates;
        _options = options;
        _links = new InvitationLinks(options);
    }

    /// <summary>Renders the mail of <paramref name="message"/> as of <paramref name="now"/> (for "7 days left").</summary>
    public async Task<RenderedMail> RenderAsync(InvitationMessage message, InvitationMailLocale locale, string? inviter, Instant now, CancellationToken cancellationToken)
    {
        var culture = MailCultures.Choose(locale.Culture, _options.SupportedCultures, System.Globalization.CultureInfo.GetCultureInfo(_options.DefaultCulture));
        // A reminder (rule 23) is a new copy of the invitation, as a resend is: its link replaces the earlier ones.
        var kind = message.IsResend || message.IsReminder ? MailTemplateNames.Resend : message.Kind == InvitationKind.NewUser ? MailTemplateNames.NewUser : MailTemplateNames.ExistingUser;
        var context = _templates.NewContext(culture);
        context.CancellationToken = cancellationToken;
        Fill(context, message, locale.TimeZone, inviter, now);

        var subject = MailText.SingleLine(await _templates.RenderAsync(kind, MailTemplateNames.Subject, context, NullEncoder.Default).ConfigureAwait(false));
        context.SetValue("subject", StringValue.Create(subject));
        var html = await _templates.RenderAsync(kind, MailTemplateNames.Html, context, Html).ConfigureAwait(false);
        var text = await _templates.RenderAsync(kind, MailTemplateNames.Text, context, NullEncoder.Default).ConfigureAwait(false);
        return new RenderedMail(subject, html, text, culture);
    }

    /// <summary>The template model: docs/mail.md documents every name. No secret but the link and the code.</summary>
    private void Fill(TemplateContext context, InvitationMessage message, DateTimeZone zone, string? inviter, Instant now)
    {
        var newUser = message.Kind == InvitationKind.NewUser && message.OneTimePassword is not null;
        context.SetValue("culture", StringValue.Create(context.CultureInfo.Name));
        context.SetValue("time_zone", StringValue.Create(zone.Id));
        context.SetValue("recipient", StringValue.Create(message.Recipient.Value));
        context.SetValue("account", StringValue.Create(MailText.SingleLine(message.Account.Name)));
        context.SetValue("product", StringValue.Create(MailText.SingleLine(message.Product.Name)));
        context.SetValue("inviter", Optional(MailText.SingleLine(inviter)));
        context.SetValue("roles", ArrayValue.Create([.. message.Roles.Select(r => StringValue.Create(MailText.SingleLine(r)))]));
        context.SetValue("owner", BooleanValue.Create(message.GrantsOwner));
        context.SetValue("new_user", BooleanValue.Create(newUser));
        context.SetValue("resend", BooleanValue.Create(message.IsResend));
        context.SetValue("reminder", BooleanValue.Create(message.IsReminder));
        // Rule 24: a host-delivered invitation's mail carries only the code; the host delivers the link, never the mail.
        context.SetValue("host_delivered", BooleanValue.Create(message.LinkDeliveredByHost));
        context.SetValue("link", message.LinkDeliveredByHost ? NilValue.Instance : StringValue.Create(_links.Accept(message)));
        context.SetValue("activation_link", newUser ? StringValue.Create(_links.Activate(message.LinkDeliveredByHost ? message with { Secret = string.Empty } : message)) : NilValue.Instance);
        context.SetValue("code", Optional(newUser ? message.OneTimePassword : null));
        context.SetValue("expires_at", Date(message.ExpiresAt, zone));
        context.SetValue("days_left", Whole((message.ExpiresAt - now).TotalDays));
        context.SetValue("hours_left", Whole((message.ExpiresAt - now).TotalHours));
        context.SetValue("code_expires_at", newUser && message.OtpExpiresAt is { } otp ? Date(otp, zone) : NilValue.Instance);
        context.SetValue("code_hours_left", newUser && message.OtpExpiresAt is { } until ? Whole((until - now).TotalHours) : NilValue.Instance);
        context.SetValue("return_url", Optional(message.ReturnUrl));
        context.SetValue("metadata", FluidValue.Create(message.Metadata.ToDictionary(e => e.Key, e => (object?)MailText.SingleLine(e.Value), StringComparer.Ordinal), context.Options));
    }

    private static FluidValue Optional(string? text) => string.IsNullOrEmpty(text) ? NilValue.Instance : StringValue.Create(text);

    private static FluidValue Date(Instant instant, DateTimeZone zone) => DateTimeValue.Create(instant.InZone(zone).ToDateTimeOffset());

    // Rounded to the nearest whole: a mail rendered a moment after the issue still says "7 days" and "24 hours".
    private static FluidValue Whole(double value) => NumberValue.Create((decimal)Math.Max(0, Math.Round(value, MidpointRounding.AwayFromZero)));
}
