using InvitationKit.Mail.Tests.Infrastructure;

namespace InvitationKit.Mail.Tests;

/// <summary>
/// Rule 25: the mail is written in the invitation's own language (<see cref="InvitationMessage.Language"/>) by the default
/// locale resolver, its nearest supported parent, or the default; the template model carries the return URL and the
/// host's metadata.
/// </summary>
public sealed class LanguageTests
{
    [Theory]
    [InlineData(null, "en")]
    [InlineData("ru", "ru")]
    [InlineData("RU", "ru")]
    [InlineData("ru-RU", "ru")]
    [InlineData("en-GB", "en")]
    [InlineData("zz-ZZ", "en")]
    [InlineData("de", "en")]
    public async Task The_default_resolver_writes_the_mail_in_the_invitations_language(string? language, string written)
    {
        var options = MailSamples.Options();
        var resolver = new DefaultInvitationMailLocaleResolver(Microsoft.Extensions.Options.Options.Create(options));
        var message = MailSamples.Existing with { Language = language };

        var locale = await resolver.ResolveAsync(message, CancellationToken.None);
        var mail = await MailSamples.RenderAsync(message, locale.Culture.Name);

        Assert.Equal(written, mail.Culture.TwoLetterISOLanguageName);
        Assert.Equal(written == "ru", mail.Subject.Contains("Приглашение", StringComparison.Ordinal) || mail.Subject.Contains("приглашает", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_host_template_reads_the_return_url_and_the_metadata_encoded()
    {
        using var directory = new TemporaryDirectory();
        directory.Write("en/existing-user.subject.liquid", "Join {{ metadata.team }}");
        directory.Write("en/existing-user.html.liquid", "<a href=\"{{ return_url }}\">{{ metadata.team }}</a>{{ metadata.missing }}");
        var message = MailSamples.Existing with
        {
            ReturnUrl = "https://app.acme.example/welcome?a=1&b=2",
            Metadata = new Dictionary<string, string> { ["team"] = "<b>Platform</b>" },
        };

        var mail = await MailSamples.RenderAsync(message, "en", configure: o => o.TemplateDirectory = directory.Path);

        Assert.Equal("Join <b>Platform</b>", mail.Subject);
        Assert.Equal("<a href=\"https://app.acme.example/welcome?a=1&amp;b=2\">&lt;b&gt;Platform&lt;/b&gt;</a>", mail.Html);
    }
}
