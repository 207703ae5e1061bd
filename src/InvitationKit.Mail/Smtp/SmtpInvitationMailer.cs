using InvitationKit.Ports;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace InvitationKit.Mail;

/// <summary>
/// Renders each invitation mail in its invitee's language and hands it to the SMTP server over MailKit. One connection
/// serves a scope's mails (a batch invite, a dispatch), checked with <c>NOOP</c> before it is reused and dropped after
/// any failure. Every mail is bounded by <see cref="InvitationSmtpOptions.Timeout"/>; a recipient refused for good is a
/// <see cref="PermanentDeliveryException"/>, every other failure a retried attempt (<see cref="SmtpFailures"/>).
/// </summary>
internal sealed class SmtpInvitationMailer : IInvitationMailer, IAsyncDisposable, IDisposable
{
    private readonly InvitationMailComposer _composer;
    private readonly InvitationSmtpOptions _smtp;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private SmtpClient? _client;

    public SmtpInvitationMailer(InvitationMailComposer composer, IOptions<InvitationMailOptions> options, ILoggerFactory? loggerFactory = null)
    {
        _composer = composer;
        _smtp = options.Value.Smtp;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<SmtpInvitationMailer>();
    }

    public async Task SendAsync(InvitationMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var composed = await _composer.ComposeAsync(message, cancellationToken).ConfigureAwait(false);
        using var mime = composed.Mime;

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(_smtp.Timeout);
            try
            {
                var client = await ConnectedAsync(deadline.Token).ConfigureAwait(false);
                await client.SendAsync(mime, deadline.Token).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                Drop();
                if (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested)
                {
                    throw new TimeoutException($"The SMTP server {_smtp.Host}:{_smtp.Port} did not take the mail within {_smtp.Timeout} (InvitationSmtpOptions.Timeout).", exception);
                }

                if (exception is SmtpCommandException refusal)
                {
                    throw SmtpFailures.Map(refusal);
                }

                throw;
            }

            Log.Sent(_logger, message.InvitationId, composed.Culture);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_client is { IsConnected: true } client)
        {
            try
            {
                using var timeout = new CancellationTokenSource(_smtp.Timeout);
                await client.DisconnectAsync(quit: true, timeout.Token).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                Log.NotClosed(_logger, exception);
            }
        }

        Dispose();
    }

    public void Dispose()
    {
        Drop();
        _gate.Dispose();
    }

    /// <summary>The scope's connection, checked with NOOP when reused; a new one, encrypted and authenticated, otherwise.</summary>
    private async Task<SmtpClient> ConnectedAsync(CancellationToken cancellationToken)
    {
        if (_client is { IsConnected: true } reused)
        {
            try
            {
                await reused.NoOpAsync(cancellationToken).ConfigureAwait(false);
                return reused;
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                Drop(); // the server closed it meanwhile: connect again
            }
        }

        Drop();
        var client = _client = new SmtpClient
        {
            Timeout = (int)_smtp.Timeout.TotalMilliseconds,
            CheckCertificateRevocation = _smtp.CheckCertificateRevocation,
            ServerCertificateValidationCallback = _smtp.ServerCertificateValidation,
        };
        var security = _smtp.Security switch
        {
            SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
            SmtpSecurity.None => SecureSocketOptions.None,
            _ => SecureSocketOptions.StartTls,
        };
        await client.ConnectAsync(_smtp.Host!, _smtp.Port, security, cancellationToken).ConfigureAwait(false);
        if (_smtp.UserName is { Length: > 0 } user)
        {
            await client.AuthenticateAsync(user, _smtp.Password ?? string.Empty, cancellationToken).ConfigureAwait(false);
        }

        Log.Connected(_logger, _smtp.Host!, _smtp.Port, _smtp.Security);
        return client;
    }

    private void Drop()
    {
        _client?.Dispose();
        _client = null;
    }
}
