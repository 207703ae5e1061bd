using InvitationKit.Mail.Tests.Infrastructure;

namespace InvitationKit.Mail.Tests;

/// <summary>
/// Every notice template in every language, compared with its approved render in <c>Approved/</c> (see
/// <see cref="Approvals"/>); what a notice mail may and may not carry.
/// </summary>
public sealed class NoticeRenderingTests
{
    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Each_notice_in_each_language_renders_as_approved(string scenario, string culture)
    {
        var mail = await NoticeSamples.RenderAsync(NoticeSamples.Model(scenario), culture, culture == "ru" ? "Europe/Moscow" : "UTC");

        Approvals.Verify($"{scenario}.{culture}", ("txt", $"Subject: {mail.Subject}\n\n{mail.Text}"), ("html", mail.Html));
    }

    [Theory]
    [InlineData("en")]
    [InlineData("ru")]
    public async Task HTML_in_names_is_encoded_and_no_name_breaks_a_line(string culture)
    {
        var model = NoticeSamples.Model("notice-new-invitation-requested") is var m
            ? m with
            {
                Notice = m.Notice with { Account = new AccountInfo("acme", "<script>alert(1)</script>\r\nBcc: x@attacker.example") },
                Inviter = "<img src=x onerror=alert(2)>",
                RecipientName = "Maria\n<b>Manager</b>",
            }
            : throw new InvalidOperationException();

        var mail = await NoticeSamples.RenderAsync(model, culture);

        Assert.DoesNotContain("<script>", mail.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", mail.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", mail.Html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; Bcc: x@attacker.example", mail.Html, StringComparison.Ordinal);
        Assert.Contains("<script>alert(1)</script> Bcc: x@attacker.example", mail.Subject, StringComparison.Ordinal); // a subject is text, one line
        Assert.DoesNotContain('\n', mail.Subject);
        Assert.DoesNotContain(mail.Text.ReplaceLineEndings("\n").Split('\n'), l => l.StartsWith("Bcc:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_link_is_the_account_page_and_carries_no_address_and_no_secret()
    {
        var mail = await NoticeSamples.RenderAsync(NoticeSamples.Model("notice-new-invitation-requested") with { Notice = NoticeSamples.Request with { Account = new AccountInfo("acme/ü?x", "Acme Corp") } }, "en");

        var link = Assert.Single(MailParts.Links(new MimeKit.MimeMessage { Body = new MimeKit.BodyBuilder { TextBody = mail.Text, HtmlBody = mail.Html }.ToMessageBody() }));
        Assert.Equal("https://app.acme.example/Invitations/Accounts/acme%2F%C3%BC%3Fx", link);
        Assert.DoesNotContain("bob", link, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AccountPath_moves_the_link()
    {
        var mail = await NoticeSamples.RenderAsync(NoticeSamples.Model("notice-reminder"), "en", configure: o => o.AccountPath = "team/{accountId}/invitations");

        Assert.Contains("https://app.acme.example/team/acme/invitations\n", mail.Text.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ru-RU", "ru")]
    [InlineData("fr", "en")]
    [InlineData("not a tag", "en")]
    [InlineData(null, "en")]
    public void A_contacts_language_falls_back_to_its_parent_then_to_the_default(string? language, string written)
    {
        var options = MailSamples.Options();
        using var templates = new MailTemplates(Microsoft.Extensions.Options.Options.Create(options));
        var renderer = new InvitationNoticeRenderer(templates, options);

        Assert.Equal(written, renderer.Culture(language).Name);
    }

    public static TheoryData<string, string> Cases()
    {
        var cases = new TheoryData<string, string>();
        foreach (var scenario in NoticeSamples.Scenarios)
        {
            foreach (var culture in new[] { "en", "ru" })
            {
                cases.Add(scenario, culture);
            }
        }

        return cases;
    }
}
