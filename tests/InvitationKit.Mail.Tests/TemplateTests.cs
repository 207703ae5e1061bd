using System.Globalization;
using InvitationKit.Mail.Tests.Infrastructure;
using Microsoft.Extensions.FileProviders;

namespace InvitationKit.Mail.Tests;

/// <summary>
/// What the templates guarantee whatever the data: values HTML-encoded in the HTML and verbatim (on one line) in the
/// text, no template injection, Russian plurals, links built from the base URL; and how a host overrides them.
/// </summary>
public sealed class TemplateTests
{
    [Fact]
    public async Task An_account_named_like_a_script_is_encoded_in_the_html_and_verbatim_in_the_text()
    {
        var message = MailSamples.NewUser with { Account = new AccountInfo("acme", "<script>alert('x')</script> & {{ code }}") };

        var mail = await MailSamples.RenderAsync(message, "en", inviter: "\"Olivia\" <img src=x onerror=alert(1)>");

        Assert.DoesNotContain("<script>", mail.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", mail.Html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; {{ code }}", mail.Html, StringComparison.Ordinal);
        Assert.Contains("&quot;Olivia&quot; &lt;img src=x onerror=alert(1)&gt;", mail.Html, StringComparison.Ordinal);
        Assert.Contains("\"Olivia\" <img src=x onerror=alert(1)> invited you to join <script>alert('x')</script> & {{ code }} in Conversational Cloud", mail.Text, StringComparison.Ordinal);
        Assert.Equal(1, mail.Text.Split(MailSamples.Code).Length - 1); // a name's "{{ code }}" is text, not the code
    }

    [Theory]
    [InlineData(1, "1 день")]
    [InlineData(2, "2 дня")]
    [InlineData(4, "4 дня")]
    [InlineData(5, "5 дней")]
    [InlineData(11, "11 дней")]
    [InlineData(14, "14 дней")]
    [InlineData(21, "21 день")]
    [InlineData(22, "22 дня")]
    [InlineData(25, "25 дней")]
    [InlineData(111, "111 дней")]
    [InlineData(112, "112 дней")]
    [InlineData(122, "122 дня")]
    public async Task Russian_mails_agree_the_days_left_with_their_number(int days, string expected)
    {
        var mail = await MailSamples.RenderAsync(MailSamples.Existing with { ExpiresAt = MailSamples.Now + Duration.FromDays(days) }, "ru");

        Assert.Contains($"Приглашение действует {expected}, до ", mail.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, "1 day")]
    [InlineData(2, "2 days")]
    public async Task English_mails_agree_the_days_left_with_their_number(int days, string expected)
    {
        var mail = await MailSamples.RenderAsync(MailSamples.Existing with { ExpiresAt = MailSamples.Now + Duration.FromDays(days) }, "en");

        Assert.Contains($"The invitation expires in {expected}, on ", mail.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invitation_with_hours_left_says_hours()
    {
        var mail = await MailSamples.RenderAsync(MailSamples.Existing with { ExpiresAt = MailSamples.Now + Duration.FromHours(3) }, "ru");

        Assert.Contains("Приглашение действует 3 часа, до 1 декабря 2026 г., 14:00 (UTC).", mail.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Links_keep_the_base_urls_path_and_escape_the_secret_and_the_address()
    {
        var message = MailSamples.NewUser with { Recipient = EmailAddress.Parse("nina+team@newcomer.example") };

        var mail = await MailSamples.RenderAsync(message, "en", configure: o =>
        {
            o.BaseUrl = new Uri("https://acme.example/portal/");
            o.AcceptPath = "invitations/{secret}?for={email}";
            o.ActivatePath = "/activate";
        });

        Assert.Contains($"https://acme.example/portal/invitations/{MailSamples.Secret}?for=nina%2Bteam%40newcomer.example\n", mail.Text, StringComparison.Ordinal);
        Assert.Contains("https://acme.example/portal/activate\n", mail.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en")]
    [InlineData("ru")]
    public async Task A_host_delivered_invitations_mail_never_carries_its_link_even_when_handed_a_secret(string culture)
    {
        // Rule 24: the host delivers the link; the mail carries the new user's code only. Even a message that (wrongly)
        // still holds a secret renders no accept link.
        var message = MailSamples.NewUser with { LinkDeliveredByHost = true, Secret = "leaked-link-secret" };

        var mail = await MailSamples.RenderAsync(message, culture, configure: o => o.ActivatePath = "/activate?secret={secret}");

        Assert.DoesNotContain("leaked-link-secret", mail.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("leaked-link-secret", mail.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("/Invite?", mail.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("/Invite?", mail.Html, StringComparison.Ordinal);
        Assert.Contains(MailSamples.Code, mail.Text, StringComparison.Ordinal);
        Assert.Contains(MailSamples.Code, mail.Html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ru-RU", "ru")]
    [InlineData("ru", "ru")]
    [InlineData("fr-FR", "en")]
    [InlineData("", "en")]
    public async Task An_unsupported_culture_falls_back_to_its_parent_then_to_the_default(string requested, string written)
    {
        var mail = await MailSamples.RenderAsync(MailSamples.Existing, requested);

        Assert.Equal(written, mail.Culture.Name);
    }

    [Fact]
    public async Task A_template_directory_overrides_one_file_for_one_language_and_adds_another_language()
    {
        using var directory = new TemporaryDirectory();
        directory.Write("en/existing-user.subject.liquid", "Join {{ account }} — {{ product }}");
        foreach (var kind in new[] { "existing-user", "new-user", "resend" })
        {
            directory.Write($"de/{kind}.subject.liquid", "Einladung zu {{ account }}");
            directory.Write($"de/{kind}.txt.liquid", "Hallo! {{ link }}");
            directory.Write($"de/{kind}.html.liquid", "<p>Hallo! <a href=\"{{ link }}\">Einladung</a></p>");
        }

        void Configure(InvitationMailOptions o)
        {
            o.TemplateDirectory = directory.Path;
            o.SupportedCultures.Add("de");
        }

        var english = await MailSamples.RenderAsync(MailSamples.Existing, "en", configure: Configure);
        var german = await MailSamples.RenderAsync(MailSamples.Existing, "de-AT", configure: Configure);

        Assert.Equal("Join Acme Corp — Conversational Cloud", english.Subject);
        Assert.StartsWith("Hello,", english.Text, StringComparison.Ordinal); // the other parts stay built in
        Assert.Equal(("de", "Einladung zu Acme Corp"), (german.Culture.Name, german.Subject));
        Assert.Equal($"Hallo! https://app.acme.example/Invitations/Invite?secret={MailSamples.Secret}", german.Text);

        // A partial the language lacks (the built-in ones are per language) fails the start-up, not the first invitee.
        directory.Write("de/new-user.txt.liquid", "{% include '_roles' %}");
        var validator = new InvitationMailOptionsValidator(Microsoft.Extensions.Options.Options.Create(new InvitationKitOptions()));
        var failure = Assert.Single(validator.Validate(null, MailSamples.Options(Configure)).Failures!);
        Assert.Equal("The mail templates for the culture 'de' include '_roles', which is missing: add de/_roles.liquid (the built-in partials are per language; copy one from en/).", failure);
    }

    [Fact]
    public async Task Templates_embedded_in_the_hosts_assembly_name_its_roles()
    {
        var mail = await MailSamples.RenderAsync(MailSamples.Existing, "ru", configure: o =>
            o.TemplateProviders.Add(new EmbeddedFileProvider(typeof(TemplateTests).Assembly, "InvitationKit.Mail.Tests.HostTemplates")));

        Assert.Contains("в аккаунт «Acme Corp» в Conversational Cloud с ролями «редактор» и «читатель».", mail.Text, StringComparison.Ordinal);
        Assert.Equal("ru", mail.Culture.Name);
        Assert.Equal(CultureInfo.GetCultureInfo("ru"), mail.Culture);
    }
}
