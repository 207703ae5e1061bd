using System.Collections.Concurrent;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace InvitationKit.Mail;

/// <summary>
/// Hands MIME messages to the SMTP server over MailKit, for the invitation and the notice mailers alike. A scope's mails
/// share up to <see cref="InvitationSmtpOptions.MaxConnections"/> connections, each sending one mail at a time, checked
/// with <c>NOOP</c> before it is reused and dropped after any failure. Every mail is bounded by
/// <see cref="InvitationSmtpOptions.Timeout"/>; a recipient refused for good is a <see cref="PermanentDeliveryException"/>,
/// every other failure a retried attempt (<see cref="SmtpFailures"/>).
/// </summary>
internal sealed class SmtpMailTransport : IAsyncDisposable, IDisposable
{
    private readonly InvitationSmtpOptions _smtp;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate;
    private readonly ConcurrentBag<SmtpClient> _idle = [];

    public SmtpMailTransport(InvitationSmtpOptions smtp, ILogger logger)
    {
        _smtp = smtp;
        _logger = logger;
        _gate = new SemaphoreSlim(_smtp.MaxConnections, _smtp.MaxConnections);
    }

    /// <summary>Sends one mail over a connection of the scope.</summary>
    /// <exception cref="TimeoutException">The server did not take it within the timeout.</exception>
    /// <exception cref="PermanentDeliveryException">The recipient was refused for good.</exception>
    /// <exception cref="SmtpDeliveryException">The server refused it otherwise.</exception>
    public async Task SendAsync(MimeMessage mime, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(_smtp.Timeout);
            SmtpClient? client = null;
            try
            {
                client = await ConnectedAsync(deadline.Token).ConfigureAwait(false);
                await client.SendAsync(mime, deadline.Token).ConfigureAwait(false);
                _idle.Add(client); // kept for the scope's next mail
            }
            catch (Exception exception)
            {
                client?.Dispose(); // after any failure its state is unknown: the next mail connects afresh
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
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        while (_idle.TryTake(out var client))
        {
            using (client)
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
        }

        Dispose();
    }

    public void Dispose()
    {
        while (_idle.TryTake(out var client))
        {
            client.Dispose();
        }

        _gate.Dispose();
    }

    /// <summary>An idle connection of the scope, checked with NOOP; a new one, encrypted and authenticated, otherwise.</summary>
    private async Task<SmtpClient> ConnectedAsync(CancellationToken cancellationToken)
    {
        while (_idle.TryTake(out var reused))
        {
            try
            {
                if (reused.IsConnected)
                {
                    await reused.NoOpAsync(cancellationToken).ConfigureAwait(false);
                    return reused;
                }
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                // the server closed it meanwhile: try the next one, or connect again
            }

            reused.Dispose();
        }

        var client = new SmtpClient
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
        try
        {
            await client.ConnectAsync(_smtp.Host!, _smtp.Port, security, cancellationToken).ConfigureAwait(false);
            if (_smtp.UserName is { Length: > 0 } user)
            {
                await client.AuthenticateAsync(user, _smtp.Password ?? string.Empty, cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            client.Dispose();
            throw;
        }

        Log.Connected(_logger, _smtp.Host!, _smtp.Port, _smtp.Security);
        return client;
    }
}
