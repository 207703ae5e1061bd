using InvitationKit.Mail.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace InvitationKit.Mail.Tests;

/// <summary>The mail options are validated at start-up: every problem at once, each naming its fix.</summary>
public sealed class OptionsTests
{
    private static readonly InvitationMailOptionsValidator Validator = new(Options.Create(new InvitationKitOptions()));

    [Fact]
    public void The_defaults_with_a_sender_a_base_url_and_a_server_are_valid_and_every_template_renders()
    {
        Assert.True(Validator.Validate(null, MailSamples.Options()).Succeeded);
    }

    [Fact]
    public void Every_problem_is_reported_at_once_with_its_fix()
    {
        var options = new InvitationMailOptions
        {
            From = "not a mailbox",
            BaseUrl = new Uri("http://app.acme.example/"),
            AcceptPath = "/Invite?code={code}",
            ActivatePath = "//evil.example/Activate",
            DefaultCulture = "de",
            SupportedCultures = ["en", "xx-nope"],
            TimeZone = "Mars/Olympus",
            Smtp = { Host = " ", Port = 0, Security = SmtpSecurity.None, UserName = "mailer", Timeout = TimeSpan.FromMinutes(5) },
        };

        var result = Validator.Validate(null, options);

        Assert.Equal(
        [
            "InvitationMailOptions.From must be the sender's mailbox, e.g. 'no-reply@acme.example' or 'Acme <no-reply@acme.example>' (it is 'not a mailbox').",
            "InvitationMailOptions.BaseUrl must use https: links carry bearer secrets (it is 'http://app.acme.example/'); http is accepted only for localhost in development.",
            "InvitationMailOptions.AcceptPath may use only the placeholders {secret} and {email} (it has {code}); the one-time password is never put in a link.",
            "InvitationMailOptions.AcceptPath must hold {secret} exactly once, where the link secret goes (it holds it 0 times), e.g. '/Invitations/Invite?secret={secret}'.",
            "InvitationMailOptions.ActivatePath must be a path relative to BaseUrl without spaces, e.g. '/Invitations/Activate?email={email}' (it is '//evil.example/Activate').",
            "InvitationMailOptions.SupportedCultures holds 'xx-nope', which is not a culture this machine knows; use names such as 'en' or 'ru' (and do not run with InvariantGlobalization).",
            "InvitationMailOptions.DefaultCulture must be one of SupportedCultures (en, xx-nope); it is 'de'.",
            "InvitationMailOptions.TimeZone must be an IANA time zone id such as 'UTC' or 'Europe/Moscow' (it is 'Mars/Olympus').",
            "InvitationMailOptions.Smtp.Host must name your SMTP server, e.g. 'smtp.example.com'.",
            "InvitationMailOptions.Smtp.Port must be between 1 and 65535 (it is 0); 587 with StartTls, 465 with SslOnConnect.",
            "InvitationMailOptions.Smtp.UserName is set with Security None: credentials are never sent unencrypted. Use StartTls or SslOnConnect, or remove the user name.",
            "InvitationMailOptions.Smtp.Timeout (00:05:00) must be shorter than InvitationKitOptions.Delivery.LeaseTimeout (0:00:02:00), or another instance may send a mail still in flight again.",
        ],
        result.Failures!);
    }

    [Theory]
    [InlineData("http://localhost:5080/")]
    [InlineData("http://127.0.0.1:5080/")]
    [InlineData("https://acme.example/portal/")]
    public void Https_or_loopback_http_base_urls_are_accepted(string url)
    {
        Assert.True(Validator.Validate(null, MailSamples.Options(o => o.BaseUrl = new Uri(url))).Succeeded);
    }

    [Fact]
    public void A_supported_culture_without_templates_names_the_files_to_add()
    {
        var result = Validator.Validate(null, MailSamples.Options(o => o.SupportedCultures.Add("de")));

        var failure = Assert.Single(result.Failures!);
        Assert.StartsWith("The mail templates existing-user.subject.liquid, existing-user.html.liquid, existing-user.txt.liquid, new-user.subject.liquid", failure, StringComparison.Ordinal);
        Assert.EndsWith("are missing for the culture 'de'. Add them as de/<name> to InvitationMailOptions.TemplateDirectory (or a TemplateProviders source), or remove 'de' from SupportedCultures.", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void A_host_template_that_does_not_parse_fails_the_start_up_naming_the_file()
    {
        using var directory = new TemporaryDirectory();
        directory.Write("en/new-user.txt.liquid", "Your code: {{ code ");

        var failure = Assert.Single(Validator.Validate(null, MailSamples.Options(o => o.TemplateDirectory = directory.Path)).Failures!);

        Assert.StartsWith("The mail templates for the culture 'en' fail to render a NewUser mail: The mail template 'new-user.txt.liquid' for the culture 'en' does not parse:", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_host_fails_to_start_with_the_fix_and_configuration_replaces_the_supported_cultures()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Mail:From"] = "no-reply@acme.example",
            ["Mail:BaseUrl"] = "https://app.acme.example/",
            ["Mail:DefaultCulture"] = "ru",
            ["Mail:SupportedCultures:0"] = "ru",
            ["Mail:Smtp:Host"] = "smtp.acme.example",
            ["Mail:Smtp:Port"] = "465",
            ["Mail:Smtp:Security"] = "SslOnConnect",
        }).Build();
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddInvitationKit(o => o.SecretKey = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)).UseInMemoryPorts().UseSmtpMailer(configuration.GetSection("Mail"));
        using (var host = builder.Build())
        {
            var options = host.Services.GetRequiredService<IOptions<InvitationMailOptions>>().Value;
            Assert.Equal(["ru"], options.SupportedCultures);
            Assert.Equal((465, SmtpSecurity.SslOnConnect), (options.Smtp.Port, options.Smtp.Security));
            await host.StartAsync();
            await host.StopAsync();
        }

        var broken = Host.CreateApplicationBuilder();
        broken.Services.AddInvitationKit(o => o.SecretKey = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)).UseInMemoryPorts().UseSmtpMailer(configuration.GetSection("Mail"), o => o.BaseUrl = new Uri("/relative", UriKind.Relative));
        using var failing = broken.Build();
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => failing.StartAsync());
        Assert.Contains("InvitationMailOptions.BaseUrl must be the absolute https address of your app", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UseSmtpMailer_replaces_the_mailer_and_calling_it_twice_is_harmless()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        var builder = services.AddInvitationKit(o => o.SecretKey = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)).UseInMemoryPorts();
        builder.UseSmtpMailer(o => o.From = "first@acme.example").UseSmtpMailer(o =>
        {
            o.From = "no-reply@acme.example";
            o.BaseUrl = new Uri("https://app.acme.example/");
            o.Smtp.Host = "localhost";
        });
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        await using var scope = provider.CreateAsyncScope();

        Assert.IsType<SmtpInvitationMailer>(scope.ServiceProvider.GetRequiredService<IInvitationMailer>());
        Assert.Single(services, d => d.ServiceType == typeof(IInvitationMailer));
        Assert.Single(services, d => d.ServiceType == typeof(IValidateOptions<InvitationMailOptions>));
    }
}
