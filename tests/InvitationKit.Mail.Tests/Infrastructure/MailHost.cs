using System.Collections.Concurrent;
using System.Security.Cryptography;
using InvitationKit.Testing;
using InvitationKit.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NodaTime.Testing;

namespace InvitationKit.Mail.Tests.Infrastructure;

/// <summary>
/// The kit over in-memory ports and a fake clock, mailing through <c>UseSmtpMailer</c> to an <see cref="SmtpTestServer"/>
/// (plain SMTP on loopback), with an account "acme" owned by "owner". It records each <see cref="InvitationMessage"/>
/// the kit handed to the mailer, to compare the mail with what the outbox meant to send. With <c>notices</c>, it also
/// mails notices (<c>UseSmtpNoticeMailer</c>) to the in-memory users' contacts.
/// </summary>
internal sealed class MailHost : IAsyncDisposable
{
    public const string AccountId = "acme";
    public const string Product = "cloud";
    public static readonly Uri BaseUrl = new("https://app.acme.example/");

    private readonly ServiceProvider _provider;
    private readonly AsyncServiceScope _scope;

    private MailHost(ServiceProvider provider)
    {
        _provider = provider;
        _scope = provider.CreateAsyncScope();
    }

    public IInvitationManager Manager => _scope.ServiceProvider.GetRequiredService<IInvitationManager>();

    public IInvitationDispatcher Dispatcher => _scope.ServiceProvider.GetRequiredService<IInvitationDispatcher>();

    public FakeClock Clock => _provider.GetRequiredService<FakeClock>();

    public InMemoryUserDirectory Users => _provider.GetRequiredService<InMemoryUserDirectory>();

    public InMemoryInvitationStore Store => _provider.GetRequiredService<InMemoryInvitationStore>();

    public RecordingEventSink Events => _provider.GetRequiredService<RecordingEventSink>();

    public IInvitationNoticeMailer NoticeMailer => _scope.ServiceProvider.GetRequiredService<IInvitationNoticeMailer>();

    public CapturingLoggerProvider Logs => _provider.GetRequiredService<CapturingLoggerProvider>();

    /// <summary>What the kit handed to the mailer, oldest first (sent or not).</summary>
    public ConcurrentQueue<InvitationMessage> Handed { get; } = new();

    public Actor Owner { get; } = Actor.User("owner");

    public static async Task<MailHost> StartAsync(int port, string accountName = "Acme Corp", Action<InvitationMailOptions>? mail = null, Action<IServiceCollection>? services = null, Action<InvitationKitOptions>? kit = null, bool notices = false)
    {
        var collection = new ServiceCollection();
        var logs = new CapturingLoggerProvider();
        collection.AddSingleton(logs);
        collection.AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        var products = new InMemoryProductCatalog();
        products.Add(new ProductInfo(Product, "Conversational Cloud"));
        collection.AddSingleton<IProductCatalog>(products);
        var events = new RecordingEventSink();
        collection.AddSingleton(events);
        collection.AddSingleton<IInvitationEventSink>(events);
        var kitBuilder = collection.AddInvitationKit(o =>
            {
                o.SecretKey = RandomNumberGenerator.GetBytes(32);
                o.RateLimits = InvitationRateLimitOptions.Unlimited();
                o.ResendCooldown = Duration.Zero;
                kit?.Invoke(o);
            })
            .UseInMemoryPorts()
            .UseFakeClock(new FakeClock(MailSamples.Now))
            .UseSmtpMailer(o =>
            {
                o.From = "Acme <no-reply@acme.example>";
                o.BaseUrl = BaseUrl;
                o.Smtp.Host = "127.0.0.1";
                o.Smtp.Port = port;
                o.Smtp.Security = SmtpSecurity.None;
                o.Smtp.Timeout = TimeSpan.FromSeconds(5);
                mail?.Invoke(o);
            });
        if (notices)
        {
            kitBuilder.UseSmtpNoticeMailer();
        }

        services?.Invoke(collection);

        // Records what the kit hands over, then sends it over SMTP with the package's mailer.
        collection.AddScoped<SmtpInvitationMailer>();
        MailHost? host = null;
        collection.AddScoped<IInvitationMailer>(sp => new RecordingMailer(sp.GetRequiredService<SmtpInvitationMailer>(), m => host!.Handed.Enqueue(m)));
        host = new MailHost(collection.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true }));

        host._provider.GetRequiredService<InMemoryAccountDirectory>().Add(new AccountInfo(AccountId, accountName));
        host.Users.AddUser("owner@acme.example", id: "owner");
        Assert.True((await host.Manager.AddFoundingOwnerAsync(AccountId, "owner")).Succeeded);
        return host;
    }

    public Task<InvitationResult<InviteOutcome>> InviteAsync(params string[] emails) =>
        Manager.InviteAsync(Owner, new InviteRequest(AccountId, Product, [.. emails.Select(e => new InviteRecipient(e, "EDITOR"))]));

    public Invitation Stored(Guid id) => Store.Invitations.Single(i => i.Id == id);

    public async ValueTask DisposeAsync()
    {
        await _scope.DisposeAsync();
        await _provider.DisposeAsync();
    }

    private sealed class RecordingMailer(IInvitationMailer inner, Action<InvitationMessage> record) : IInvitationMailer
    {
        public Task SendAsync(InvitationMessage message, CancellationToken cancellationToken)
        {
            record(message);
            return inner.SendAsync(message, cancellationToken);
        }
    }
}
