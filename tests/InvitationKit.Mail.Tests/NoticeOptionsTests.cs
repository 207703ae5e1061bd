using System.Security.Cryptography;
using InvitationKit.Mail.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using MimeKit;

namespace InvitationKit.Mail.Tests;

/// <summary>
/// <c>UseSmtpNoticeMailer</c>: opt-in after <c>UseSmtpMailer</c>, validated at start-up (a contact directory, the account
/// path, the notice templates of every culture) only when registered; the pickup directory gets one file per recipient.
/// </summary>
public sealed class NoticeOptionsTests
{
    [Fact]
    public void It_needs_UseSmtpMailer_first()
    {
        var builder = new ServiceCollection().AddInvitationKit(o => o.SecretKey = RandomNumberGenerator.GetBytes(32));

        var error = Assert.Throws<InvalidOperationException>(() => builder.UseSmtpNoticeMailer());

        Assert.StartsWith("Call UseSmtpMailer before UseSmtpNoticeMailer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_contact_directory_the_host_fails_to_start_with_the_fix()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddInvitationKit(o => o.SecretKey = RandomNumberGenerator.GetBytes(32)).UseInMemoryPorts().UseSmtpMailer(Configure).UseSmtpNoticeMailer();
        builder.Services.RemoveAll<IUserContactDirectory>();
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("UseSmtpNoticeMailer needs an IUserContactDirectory", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_language_without_notice_templates_starts_without_the_notice_mailer_and_fails_with_it()
    {
        using var directory = new TemporaryDirectory();
        foreach (var kind in new[] { "existing-user", "new-user", "resend" })
        {
            foreach (var part in new[] { "subject", "txt", "html" })
            {
                directory.Write($"de/{kind}.{part}.liquid", "Hallo! {{ link }}");
            }
        }

        void German(InvitationMailOptions o)
        {
            Configure(o);
            o.TemplateDirectory = directory.Path;
            o.SupportedCultures.Add("de");
        }

        var plain = Host.CreateApplicationBuilder();
        plain.Services.AddInvitationKit(o => o.SecretKey = RandomNumberGenerator.GetBytes(32)).UseInMemoryPorts().UseSmtpMailer(German);
        using (var host = plain.Build())
        {
            await host.StartAsync();
            await host.StopAsync();
        }

        var notices = Host.CreateApplicationBuilder();
        notices.Services.AddInvitationKit(o => o.SecretKey = RandomNumberGenerator.GetBytes(32)).UseInMemoryPorts().UseSmtpMailer(German).UseSmtpNoticeMailer();
        using var failing = notices.Build();
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => failing.StartAsync());
        Assert.Contains("The notice mail templates notice-new-invitation-requested.subject.liquid", error.Message, StringComparison.Ordinal);
        Assert.Contains("are missing for the culture 'de'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("//evil.example/{accountId}", "must be a path relative to BaseUrl")]
    [InlineData("/Accounts/{accountId}?email={email}", "may use only the placeholder {accountId}")]
    public void A_bad_AccountPath_is_refused_with_the_fix(string path, string fix)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IUserContactDirectory, InvitationKit.Testing.InMemoryUserDirectory>();
        using var provider = services.BuildServiceProvider();
        var result = new NoticeMailOptionsValidator(provider).Validate(null, MailSamples.Options(o => o.AccountPath = path));

        Assert.Contains(fix, Assert.Single(result.Failures!), StringComparison.Ordinal);
        Assert.True(new NoticeMailOptionsValidator(provider).Validate(null, MailSamples.Options()).Succeeded); // every notice template renders
    }

    [Fact]
    public async Task UseSmtpNoticeMailer_replaces_the_notice_mailer_and_the_pickup_directory_gets_one_file_per_recipient()
    {
        using var directory = new TemporaryDirectory();
        var services = new ServiceCollection();
        services.AddLogging();
        var builder = services.AddInvitationKit(o => o.SecretKey = RandomNumberGenerator.GetBytes(32)).UseInMemoryPorts();
        builder.UseSmtpMailer(o =>
        {
            Configure(o);
            o.PickupDirectory = directory.Path;
        }).UseSmtpNoticeMailer();
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        var users = provider.GetRequiredService<InvitationKit.Testing.InMemoryUserDirectory>();
        users.AddUser("olivia@acme.example", id: "olivia");
        users.AddUser("ivan@acme.example", id: "ivan");
        users.SetContact("ivan", null, "ru");
        await using var scope = provider.CreateAsyncScope();

        var mailer = scope.ServiceProvider.GetRequiredService<IInvitationNoticeMailer>();
        Assert.Single(services, d => d.ServiceType == typeof(IInvitationNoticeMailer));
        await mailer.SendAsync(NoticeSamples.Request with { RecipientUserIds = ["olivia", "ivan", "ghost"] }, CancellationToken.None);
        await mailer.SendAsync(NoticeSamples.Request with { RecipientUserIds = ["olivia", "ivan", "ghost"] }, CancellationToken.None); // a retry replaces its files

        var files = Directory.GetFiles(directory.Path);
        Assert.Equal(2, files.Length);
        var mails = await Task.WhenAll(files.Select(f => MimeMessage.LoadAsync(f)));
        Assert.Equal(["ivan@acme.example", "olivia@acme.example"], mails.Select(m => Assert.Single(m.To.Mailboxes).Address).Order(StringComparer.Ordinal));
        foreach (var file in files)
        {
            Assert.Equal($"{Guid.Parse((await MimeMessage.LoadAsync(file)).MessageId!.Split('@')[0]):N}.eml", Path.GetFileName(file)); // named after its Message-ID
        }

        Assert.Equal("ru", mails.Single(m => m.To.Mailboxes.Single().Address == "ivan@acme.example").Body!.Headers[HeaderId.ContentLanguage]);
    }

    private static void Configure(InvitationMailOptions o)
    {
        o.From = "no-reply@acme.example";
        o.BaseUrl = new Uri("https://app.acme.example/");
        o.Smtp.Host = "localhost";
    }
}
