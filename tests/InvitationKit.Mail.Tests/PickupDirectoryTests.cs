using System.Security.Cryptography;
using InvitationKit.Mail.Tests.Infrastructure;
using InvitationKit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MimeKit;
using NodaTime.Testing;

namespace InvitationKit.Mail.Tests;

/// <summary>
/// <see cref="InvitationMailOptions.PickupDirectory"/>: each mail is written whole to an <c>.eml</c> file, the same MIME
/// message SMTP would carry, and a retried mail replaces its copy instead of adding one.
/// </summary>
public sealed class PickupDirectoryTests
{
    [Fact]
    public async Task A_new_users_mail_is_written_as_the_MIME_message_SMTP_would_carry_and_its_code_activates()
    {
        using var directory = new TemporaryDirectory();
        var mails = Path.Combine(directory.Path, "mail"); // created on the first mail
        var handed = new List<InvitationMessage>();
        await using var provider = Build(o => o.PickupDirectory = mails, handed: handed);
        await using var scope = provider.CreateAsyncScope();
        var manager = await FoundAsync(provider, scope);

        Assert.True((await manager.InviteAsync(Actor.User("owner"), new InviteRequest("acme", "cloud", [new InviteRecipient("nina@newcomer.example", "VIEWER")]))).Succeeded);

        var file = Assert.Single(Directory.GetFiles(mails));
        var mail = await MimeMessage.LoadAsync(file);
        var message = Assert.Single(handed);
        Assert.Equal($"{message.MessageId:N}.eml", Path.GetFileName(file));
        Assert.Equal($"{message.MessageId:D}@acme.example", mail.MessageId);
        Assert.Equal("nina@newcomer.example", Assert.Single(mail.To.Mailboxes).Address);
        Assert.Equal(["text/plain", "text/html"], Assert.IsType<MultipartAlternative>(mail.Body).Select(p => p.ContentType.MimeType));
        var email = MailParts.Query(MailParts.Links(mail).Single(l => l.Contains("/Activate?", StringComparison.Ordinal)), "email");
        Assert.True((await manager.ActivateAsync(new ActivationRequest(email, MailParts.Code(mail), "correct horse battery staple"))).Succeeded);
    }

    [Fact]
    public async Task A_retried_mail_replaces_its_file_and_leaves_nothing_partial()
    {
        using var directory = new TemporaryDirectory();
        var handed = new List<InvitationMessage>();
        await using var provider = Build(o => o.PickupDirectory = directory.Path, handed: handed);
        await using var scope = provider.CreateAsyncScope();
        var manager = await FoundAsync(provider, scope);
        Assert.True((await manager.InviteAsync(Actor.User("owner"), new InviteRequest("acme", "cloud", [new InviteRecipient("nina@newcomer.example", "VIEWER")]))).Succeeded);
        var message = Assert.Single(handed);

        await scope.ServiceProvider.GetRequiredService<IInvitationMailer>().SendAsync(message, CancellationToken.None);

        Assert.Equal([$"{message.MessageId:N}.eml"], Directory.GetFiles(directory.Path).Select(Path.GetFileName));
    }

    [Fact]
    public async Task With_a_pickup_directory_no_SMTP_server_is_needed_and_a_blank_one_is_refused_at_start_up()
    {
        using var directory = new TemporaryDirectory();
        await using (var provider = Build(o => o.PickupDirectory = directory.Path, smtpHost: null))
        {
            await using var scope = provider.CreateAsyncScope();
            Assert.IsType<PickupDirectoryInvitationMailer>(scope.ServiceProvider.GetRequiredService<IInvitationMailer>());
        }

        await using var blank = Build(o => o.PickupDirectory = " ", smtpHost: null);
        var error = Assert.Throws<OptionsValidationException>(() => blank.GetRequiredService<IOptions<InvitationMailOptions>>().Value);
        Assert.Contains("InvitationMailOptions.PickupDirectory must be a directory path", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Smtp.Host", error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(Action<InvitationMailOptions> mail, string? smtpHost = "localhost", List<InvitationMessage>? handed = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        var products = new InMemoryProductCatalog();
        products.Add(new ProductInfo("cloud", "Conversational Cloud"));
        services.AddSingleton<IProductCatalog>(products);
        services.AddInvitationKit(o => o.SecretKey = RandomNumberGenerator.GetBytes(32))
            .UseInMemoryPorts()
            .UseFakeClock(new FakeClock(MailSamples.Now))
            .UseSmtpMailer(o =>
            {
                o.From = "Acme <no-reply@acme.example>";
                o.BaseUrl = MailHost.BaseUrl;
                o.Smtp.Host = smtpHost;
                mail(o);
            });
        if (handed is not null)
        {
            services.AddScoped<PickupDirectoryInvitationMailer>();
            services.AddScoped<IInvitationMailer>(sp => new RecordingMailer(sp.GetRequiredService<PickupDirectoryInvitationMailer>(), handed));
        }

        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    private static async Task<IInvitationManager> FoundAsync(ServiceProvider provider, AsyncServiceScope scope)
    {
        provider.GetRequiredService<InMemoryAccountDirectory>().Add(new AccountInfo("acme", "Acme Corp"));
        provider.GetRequiredService<InMemoryUserDirectory>().AddUser("owner@acme.example", id: "owner");
        var manager = scope.ServiceProvider.GetRequiredService<IInvitationManager>();
        Assert.True((await manager.AddFoundingOwnerAsync("acme", "owner")).Succeeded);
        return manager;
    }

    private sealed class RecordingMailer(IInvitationMailer inner, List<InvitationMessage> handed) : IInvitationMailer
    {
        public Task SendAsync(InvitationMessage message, CancellationToken cancellationToken)
        {
            handed.Add(message);
            return inner.SendAsync(message, cancellationToken);
        }
    }
}
