using System.Net;
using SmtpServer;
using SmtpServer.Net;

namespace InvitationKit.Samples.Web.Mail;

/// <summary>
/// Development only: an SMTP server inside the app, on the loopback interface, that accepts every mail the app sends (the
/// kit's invitations and Identity's account mail) and keeps it in the <see cref="MailFolder"/> for the Mailbox page. It
/// relays nothing and delivers to no one. It listens on <c>InvitationKit:Mail:Smtp:Port</c>, where the mailer sends; with
/// port 0 the system picks a free one and the mailer follows it (<see cref="Port"/>), as the tests' parallel apps do.
/// </summary>
public sealed class SmtpCatcher : IHostedService, IDisposable
{
    private const int MaxMessageSize = 10 * 1024 * 1024;
    private readonly Lock _gate = new();
    private readonly int _configuredPort;
    private readonly MailFolder _folder;
    private global::SmtpServer.SmtpServer? _server;
    private Task _running = Task.CompletedTask;
    private int _port;

    /// <summary>Reads the port; listens once started.</summary>
    /// <param name="configuration">The app's configuration: <c>InvitationKit:Mail:Smtp:Port</c>, 2525 by default.</param>
    /// <param name="folder">Where the mail goes.</param>
    public SmtpCatcher(IConfiguration configuration, MailFolder folder)
    {
        _configuredPort = configuration.GetValue("InvitationKit:Mail:Smtp:Port", 2525);
        _folder = folder;
    }

    /// <summary>
    /// The port it listens on. Asking starts it, so the mailer's options, which are read (and validated) before hosted
    /// services start, can take a port the system picked.
    /// </summary>
    public int Port
    {
        get
        {
            Start();
            return _port;
        }
    }

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        Start();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _server?.Shutdown(); // stops listening, lets a mail being received finish
        try
        {
            await _running.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The host stopped waiting.
        }
    }

    /// <summary>Stops listening, if the host did not stop it first.</summary>
    public void Dispose() => _server?.Shutdown();

    private void Start()
    {
        lock (_gate)
        {
            if (_server is not null)
            {
                return;
            }

            var listeners = new EndpointListenerFactory();
            listeners.EndpointStarted += (_, e) => _port = ((IPEndPoint)e.LocalEndPoint).Port;
            var options = new SmtpServerOptionsBuilder()
                .ServerName("localhost")
                .MaxMessageSize(MaxMessageSize)
                .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, _configuredPort)).IsSecure(false))
                .Build();
            var services = new global::SmtpServer.ComponentModel.ServiceProvider();
            services.Add(listeners);
            services.Add(new MailFolderStore(_folder));
            _server = new global::SmtpServer.SmtpServer(options, services);

            // The server binds its port before its first await: by now it listens, or its task holds why it cannot.
            _running = _server.StartAsync(CancellationToken.None);
            if (_running.IsFaulted)
            {
                throw new InvalidOperationException(
                    $"The development SMTP catcher cannot listen on 127.0.0.1:{_configuredPort}. Set InvitationKit:Mail:Smtp:Port to a free port, or to 0 for any.",
                    _running.Exception.GetBaseException());
            }
        }
    }
}
