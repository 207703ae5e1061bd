using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using MimeKit;
using SmtpServer;
using SmtpServer.Authentication;
using SmtpServer.Mail;
using SmtpServer.Net;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace InvitationKit.Mail.Tests.Infrastructure;

/// <summary>
/// A real SMTP server (the SmtpServer package) on a loopback port of this process: it keeps every mail it accepts,
/// parsed with MimeKit, counts its sessions, and can refuse recipients, require STARTTLS and authentication.
/// </summary>
internal sealed class SmtpTestServer : IAsyncDisposable
{
    private readonly global::SmtpServer.SmtpServer _server;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;
    private int _sessions;

    private SmtpTestServer(int port, X509Certificate2? certificate, (string User, string Password)? credentials, TaskCompletionSource started)
    {
        Port = port;
        var endpoint = new EndpointDefinitionBuilder().Endpoint(new IPEndPoint(IPAddress.Loopback, port)).IsSecure(false)
            .AllowUnsecureAuthentication(false).AuthenticationRequired(credentials is not null);
        if (certificate is not null)
        {
            endpoint.Certificate(certificate);
        }

        var options = new SmtpServerOptionsBuilder().ServerName("localhost").Endpoint(endpoint.Build()).Build();
        var listeners = new EndpointListenerFactory();
        listeners.EndpointStarted += (_, _) => started.TrySetResult();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(listeners);
        services.Add(new Store(this));
        services.Add(new Filter(this));
        if (credentials is { } expected)
        {
            services.Add(new Authenticator(expected.User, expected.Password));
        }

        _server = new global::SmtpServer.SmtpServer(options, services);
        _server.SessionCreated += (_, _) => Interlocked.Increment(ref _sessions);
        _running = _server.StartAsync(_stop.Token);
    }

    public int Port { get; }

    /// <summary>Every mail accepted, oldest first, with the envelope's recipients.</summary>
    public ConcurrentQueue<(MimeMessage Message, IReadOnlyList<string> To)> Received { get; } = new();

    public MimeMessage Single() => Assert.Single(Received).Message;

    /// <summary>Sessions opened so far.</summary>
    public int Sessions => Volatile.Read(ref _sessions);

    /// <summary>When set, answers RCPT TO for an address with this reply instead of accepting it.</summary>
    public Func<string, SmtpResponse?>? RefuseRecipient { get; set; }

    public static async Task<SmtpTestServer> StartAsync(X509Certificate2? certificate = null, (string User, string Password)? credentials = null, int? port = null)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var server = new SmtpTestServer(port ?? FreePort(), certificate, credentials, started);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        return server;
    }

    /// <summary>A loopback port nothing listens on (now).</summary>
    public static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        _server.Shutdown();
        await _stop.CancelAsync();
        try
        {
            await _running.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private sealed class Store(SmtpTestServer server) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            server.Received.Enqueue((message, transaction.To.Select(m => m.AsAddress()).ToArray()));
            return SmtpResponse.Ok;
        }
    }

    private sealed class Filter(SmtpTestServer server) : IMailboxFilter
    {
        public Task<bool> CanAcceptFromAsync(ISessionContext context, IMailbox from, int size, CancellationToken cancellationToken) => Task.FromResult(true);

        public Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken) =>
            server.RefuseRecipient?.Invoke(to.AsAddress()) is { } refusal ? throw new SmtpResponseException(refusal) : Task.FromResult(true);
    }

    private sealed class Authenticator(string user, string password) : IUserAuthenticator
    {
        public Task<bool> AuthenticateAsync(ISessionContext context, string user1, string password1, CancellationToken cancellationToken) =>
            Task.FromResult(user1 == user && password1 == password);
    }
}
