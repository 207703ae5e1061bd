using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using InvitationKit.Mail.Tests.Infrastructure;
using SmtpCommandException = MailKit.Net.Smtp.SmtpCommandException;
using SmtpErrorCode = MailKit.Net.Smtp.SmtpErrorCode;
using SmtpStatusCode = MailKit.Net.Smtp.SmtpStatusCode;
using SmtpServer.Protocol;

namespace InvitationKit.Mail.Tests;

/// <summary>
/// SMTP failures mapped onto the outbox: a mailbox refused for good is <see cref="DeliveryState.Failed"/> at once; a busy
/// mailbox, a relay refusal, a server that is down or silent is a failed attempt the dispatcher retries; a caller's
/// cancellation leaves the mail to its lease. No log carries the address.
/// </summary>
public sealed class SmtpFailureTests
{
    [Fact]
    public async Task A_mailbox_refused_for_good_is_failed_at_once_and_the_address_stays_out_of_the_logs()
    {
        await using var server = await SmtpTestServer.StartAsync();
        server.RefuseRecipient = address => address == "gone@example.com" ? new SmtpResponse(SmtpReplyCode.MailboxUnavailable, "5.1.1 <gone@example.com>: Recipient address rejected: User unknown") : null;
        await using var host = await MailHost.StartAsync(server.Port);

        var view = (await host.InviteAsync("gone@example.com", "bob@example.com")).ShouldSucceed().Invitations.Single(i => i.Email == "gone@example.com");

        var stored = host.Stored(view.Id);
        Assert.Equal((DeliveryState.Failed, (Instant?)null), (stored.Delivery, stored.NextDeliveryAt));
        Assert.Single(host.Events.Events, e => e.Kind == InvitationEventKind.DeliveryFailed && e.InvitationId == view.Id);
        Assert.Equal(["bob@example.com"], server.Received.Select(r => r.To[0])); // the batch's other mail went out
        var failure = Assert.Single(host.Logs.Entries, e => e.Id.Id == 1002).Text;
        Assert.Contains("PermanentDeliveryException", failure, StringComparison.Ordinal);
        Assert.Contains("550 5.1.1", failure, StringComparison.Ordinal);
        Assert.DoesNotContain(host.Logs.Entries, e => e.Text.Contains("gone@example.com", StringComparison.OrdinalIgnoreCase));

        host.Clock.Advance(Duration.FromDays(1));
        Assert.True((await host.Dispatcher.DispatchAsync()).IsEmpty); // never retried
    }

    [Theory]
    [InlineData(SmtpReplyCode.Unavailable, "4.2.1 <nina@newcomer.example>: mailbox busy")]
    [InlineData(SmtpReplyCode.MailboxUnavailable, "5.7.1 <nina@newcomer.example>: Relay access denied")]
    [InlineData(SmtpReplyCode.InsufficientStorage, "4.3.1 Insufficient system storage")]
    public async Task A_refusal_that_a_retry_can_outlive_is_retried_and_delivered_by_the_dispatcher(SmtpReplyCode code, string text)
    {
        await using var server = await SmtpTestServer.StartAsync();
        server.RefuseRecipient = _ => new SmtpResponse(code, text);
        await using var host = await MailHost.StartAsync(server.Port);

        var id = (await host.InviteAsync("nina@newcomer.example")).ShouldSucceed().Invitations[0].Id;
        Assert.Equal(DeliveryState.Failed, host.Stored(id).Delivery);
        Assert.NotNull(host.Stored(id).NextDeliveryAt);
        Assert.DoesNotContain(host.Logs.Entries, e => e.Text.Contains("nina@newcomer.example", StringComparison.OrdinalIgnoreCase));

        server.RefuseRecipient = null;
        host.Clock.Advance(Duration.FromHours(1));
        Assert.Equal(1, (await host.Dispatcher.DispatchAsync()).Sent);
        Assert.Equal(DeliveryState.Sent, host.Stored(id).Delivery);
        Assert.Equal(host.Handed.Last().OneTimePassword, MailParts.Code(server.Single()));
    }

    [Fact]
    public async Task A_server_that_is_down_is_retried_and_the_mail_goes_out_when_it_is_back()
    {
        var port = SmtpTestServer.FreePort();
        await using var host = await MailHost.StartAsync(port);
        var id = (await host.InviteAsync("nina@newcomer.example")).ShouldSucceed().Invitations[0].Id;
        Assert.NotNull(host.Stored(id).NextDeliveryAt);

        await using var server = await SmtpTestServer.StartAsync(port: port);
        host.Clock.Advance(Duration.FromHours(1));
        Assert.Equal(1, (await host.Dispatcher.DispatchAsync()).Sent);
        (await host.Manager.ActivateAsync(new ActivationRequest("nina@newcomer.example", MailParts.Code(server.Single()), "correct horse battery staple"))).ShouldSucceed();
    }

    [Fact]
    public async Task A_server_that_never_answers_is_a_timeout_after_the_configured_time_and_is_retried()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start(); // accepts connections (the backlog) and never greets
        await using var host = await MailHost.StartAsync(((IPEndPoint)silent.LocalEndpoint).Port, mail: o => o.Smtp.Timeout = TimeSpan.FromSeconds(1));

        var clock = Stopwatch.StartNew();
        var id = (await host.InviteAsync("nina@newcomer.example")).ShouldSucceed().Invitations[0].Id;

        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(10));
        Assert.Equal(DeliveryState.Failed, host.Stored(id).Delivery);
        Assert.NotNull(host.Stored(id).NextDeliveryAt);
        Assert.Contains("TimeoutException", Assert.Single(host.Logs.Entries, e => e.Id.Id == 1002).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_send_cancelled_by_the_caller_is_left_to_its_lease()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        await using var host = await MailHost.StartAsync(((IPEndPoint)silent.LocalEndpoint).Port);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        var view = (await host.Manager.InviteAsync(host.Owner, new InviteRequest(MailHost.AccountId, MailHost.Product, [new InviteRecipient("nina@newcomer.example", "EDITOR")]), cancel.Token)).ShouldSucceed().Invitations[0];

        Assert.Equal(DeliveryState.NotSent, view.Delivery); // the dispatcher sends it when the lease lapses
        Assert.DoesNotContain(host.Logs.Entries, e => e.Id.Id == 1002);
    }

    [Theory]
    [InlineData(SmtpErrorCode.RecipientNotAccepted, 550, "5.1.1 <a@example.com>: user unknown", true)]
    [InlineData(SmtpErrorCode.RecipientNotAccepted, 550, "mailbox unavailable", true)]
    [InlineData(SmtpErrorCode.RecipientNotAccepted, 553, "mailbox name not allowed", true)]
    [InlineData(SmtpErrorCode.RecipientNotAccepted, 550, "5.2.1 <a@example.com>: mailbox disabled", true)]
    [InlineData(SmtpErrorCode.MessageNotAccepted, 554, "5.1.1 <a@example.com>: user unknown", true)]
    [InlineData(SmtpErrorCode.RecipientNotAccepted, 552, "5.2.2 <a@example.com>: mailbox full", false)]
    [InlineData(SmtpErrorCode.RecipientNotAccepted, 550, "5.7.1 <a@example.com>: relay access denied", false)]
    [InlineData(SmtpErrorCode.RecipientNotAccepted, 554, "transaction failed", false)]
    [InlineData(SmtpErrorCode.RecipientNotAccepted, 450, "4.2.1 <a@example.com>: try later", false)]
    [InlineData(SmtpErrorCode.SenderNotAccepted, 550, "5.1.0 <no-reply@acme.example>: sender rejected", false)]
    [InlineData(SmtpErrorCode.MessageNotAccepted, 554, "5.7.1 spam", false)]
    [InlineData(SmtpErrorCode.UnexpectedStatusCode, 500, "5.5.1 command unrecognized", false)]
    public void Only_a_recipient_refused_for_good_is_permanent_and_no_failure_repeats_the_servers_text(SmtpErrorCode error, int status, string text, bool permanent)
    {
        var mapped = SmtpFailures.Map(new SmtpCommandException(error, (SmtpStatusCode)status, text));

        Assert.Equal(permanent, mapped is PermanentDeliveryException);
        var smtp = Assert.IsType<SmtpDeliveryException>(permanent ? mapped.InnerException : mapped);
        Assert.Equal(status, smtp.StatusCode);
        Assert.Equal(text.Split(' ')[0] is var first && first.Count(c => c == '.') == 2 && char.IsAsciiDigit(first[0]) ? first : null, smtp.EnhancedStatusCode);
        Assert.DoesNotContain("@", mapped.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(text, mapped.ToString(), StringComparison.Ordinal);
    }
}
