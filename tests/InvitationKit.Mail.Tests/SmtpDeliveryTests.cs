using InvitationKit.Mail.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace InvitationKit.Mail.Tests;

/// <summary>
/// Invitation mail delivered over SMTP to a real server in this process, parsed with MimeKit as a mail client would,
/// and used: the link previews and accepts, the code activates.
/// </summary>
public sealed class SmtpDeliveryTests
{
    [Fact]
    public async Task A_new_user_gets_a_mail_whose_link_previews_and_whose_code_activates()
    {
        await using var server = await SmtpTestServer.StartAsync();
        await using var host = await MailHost.StartAsync(server.Port);

        (await host.InviteAsync("nina@newcomer.example")).ShouldSucceed();

        var mail = server.Single();
        var handed = Assert.Single(host.Handed);
        Assert.Equal(["nina@newcomer.example"], Assert.Single(server.Received).To);
        Assert.Equal("nina@newcomer.example", Assert.Single(mail.To.Mailboxes).Address);
        Assert.Equal("no-reply@acme.example", Assert.Single(mail.From.Mailboxes).Address);
        Assert.Equal("Your invitation to Acme Corp in Conversational Cloud", mail.Subject);
        Assert.Equal($"{handed.MessageId:D}@acme.example", mail.MessageId); // the outbox's id: a server can drop a retried copy
        Assert.Equal("auto-generated", mail.Headers["Auto-Submitted"]);
        Assert.Equal("en", mail.Body!.Headers[HeaderId.ContentLanguage]);
        Assert.Equal(MailSamples.Now.ToDateTimeOffset(), mail.Date);
        var body = Assert.IsType<MultipartAlternative>(mail.Body);
        Assert.Equal(["text/plain", "text/html"], body.Select(p => p.ContentType.MimeType));
        Assert.All(body, p => Assert.Equal("utf-8", p.ContentType.Charset));

        // The code stands alone on a line of the text and in an element of its own in the HTML, and in no link.
        var code = MailParts.Code(mail);
        Assert.Equal(handed.OneTimePassword, code);
        Assert.Contains($">{code}</p>", mail.HtmlBody, StringComparison.Ordinal);
        var links = MailParts.Links(mail);
        Assert.Equal(
            [$"https://app.acme.example/Invitations/Activate?email=nina%40newcomer.example", $"https://app.acme.example/Invitations/Invite?secret={handed.Secret}"],
            links.Order(StringComparer.Ordinal));

        // Follow the link (the landing page previews), then activate with the code as the activation page would.
        var secret = MailParts.Query(links.Single(l => l.Contains("/Invite?", StringComparison.Ordinal)), "secret");
        Assert.Equal("Acme Corp", (await host.Manager.PreviewAsync(secret)).ShouldSucceed().AccountName);
        var email = MailParts.Query(links.Single(l => l.Contains("/Activate?", StringComparison.Ordinal)), "email");
        (await host.Manager.ActivateAsync(new ActivationRequest(email, code, "correct horse battery staple"))).ShouldSucceed();
    }

    [Fact]
    public async Task An_existing_user_gets_a_mail_whose_link_accepts()
    {
        await using var server = await SmtpTestServer.StartAsync();
        await using var host = await MailHost.StartAsync(server.Port);
        var bob = host.Users.AddUser("bob@example.com");

        (await host.InviteAsync("bob@example.com")).ShouldSucceed();

        var mail = server.Single();
        Assert.DoesNotContain((mail.TextBody ?? string.Empty).ReplaceLineEndings("\n").Split('\n'), l => l.Length == 6 && l.All(char.IsAsciiDigit)); // no code
        var link = Assert.Single(MailParts.Links(mail));
        Assert.StartsWith("https://app.acme.example/Invitations/Invite?secret=", link, StringComparison.Ordinal);
        var secret = MailParts.Query(link, "secret");
        (await host.Manager.PreviewAsync(secret)).ShouldSucceed();
        (await host.Manager.AcceptAsync(secret, new SignedInIdentity(bob.Id, "bob@example.com", "Local", EmailVerified: true))).ShouldSucceed();
    }

    [Fact]
    public async Task A_resend_is_a_reminder_with_a_new_message_id_and_only_its_link_works()
    {
        await using var server = await SmtpTestServer.StartAsync();
        await using var host = await MailHost.StartAsync(server.Port);
        var id = (await host.InviteAsync("nina@newcomer.example")).ShouldSucceed().Invitations[0].Id;

        (await host.Manager.ResendAsync(host.Owner, id)).ShouldSucceed();

        var mails = server.Received.Select(r => r.Message).ToArray();
        Assert.Equal(2, mails.Length);
        Assert.Equal("Reminder: your invitation to Acme Corp in Conversational Cloud", mails[1].Subject);
        Assert.NotEqual(mails[0].MessageId, mails[1].MessageId);
        Assert.Equal($"{host.Handed.Last().MessageId:D}@acme.example", mails[1].MessageId);
        var first = MailParts.Query(MailParts.Links(mails[0]).Single(l => l.Contains("secret=", StringComparison.Ordinal)), "secret");
        var second = MailParts.Query(MailParts.Links(mails[1]).Single(l => l.Contains("secret=", StringComparison.Ordinal)), "secret");
        Assert.False((await host.Manager.PreviewAsync(first)).Succeeded);
        (await host.Manager.PreviewAsync(second)).ShouldSucceed();
        (await host.Manager.ActivateAsync(new ActivationRequest("nina@newcomer.example", MailParts.Code(mails[1]), "correct horse battery staple"))).ShouldSucceed();
    }

    [Fact]
    public async Task One_connection_carries_a_whole_batch()
    {
        await using var server = await SmtpTestServer.StartAsync();
        await using var host = await MailHost.StartAsync(server.Port);

        (await host.InviteAsync("a@example.com", "b@example.com", "c@example.com")).ShouldSucceed();

        Assert.Equal(3, server.Received.Count);
        Assert.Equal(1, server.Sessions);
        Assert.Equal(3, server.Received.Select(r => r.Message.MessageId).Distinct().Count());
    }

    [Fact]
    public async Task A_batch_goes_out_over_up_to_MaxConnections_connections_at_once_and_each_carries_several_mails()
    {
        await using var server = await SmtpTestServer.StartAsync();
        await using var host = await MailHost.StartAsync(server.Port, mail: o => o.Smtp.MaxConnections = 3, kit: o => o.Delivery.MaxConcurrentSends = 3);

        string[] emails = [.. Enumerable.Range(0, 12).Select(i => $"u{i}@example.com")];
        (await host.InviteAsync(emails)).ShouldSucceed();

        Assert.Equal(emails.Order(), server.Received.SelectMany(r => r.To).Order());
        Assert.InRange(server.Sessions, 2, 3); // several at once, never more than MaxConnections, and reused: not one per mail
    }

    [Fact]
    public async Task A_locale_resolver_writes_each_invitation_in_its_invitees_language_and_time_zone()
    {
        await using var server = await SmtpTestServer.StartAsync();
        await using var host = await MailHost.StartAsync(server.Port, services: s => s.AddSingleton<IInvitationMailLocaleResolver, ByDomainLocale>());

        (await host.InviteAsync("ivan@example.ru", "bob@example.com")).ShouldSucceed();

        var russian = server.Received.Single(r => r.To[0] == "ivan@example.ru").Message;
        Assert.Equal("Приглашение в «Acme Corp» (Conversational Cloud)", russian.Subject);
        Assert.Equal("ru", russian.Body!.Headers[HeaderId.ContentLanguage]);
        Assert.Contains("Приглашение действует 7 дней, до 8 декабря 2026 г., 14:00 (Europe/Moscow).", russian.TextBody, StringComparison.Ordinal);
        var english = server.Received.Single(r => r.To[0] == "bob@example.com").Message;
        Assert.Equal("Your invitation to Acme Corp in Conversational Cloud", english.Subject);
        Assert.Equal("en", english.Body!.Headers[HeaderId.ContentLanguage]);
    }

    [Fact]
    public async Task CR_LF_in_an_account_name_cannot_add_a_header_or_a_line_to_the_mail()
    {
        await using var server = await SmtpTestServer.StartAsync();
        await using var host = await MailHost.StartAsync(server.Port, accountName: "Acme\r\nBcc: victim@attacker.example\r\n\r\n123456");

        (await host.InviteAsync("nina@newcomer.example")).ShouldSucceed();

        var mail = server.Single();
        Assert.Empty(mail.Bcc);
        Assert.DoesNotContain(mail.Headers, h => h.Field.Equals("Bcc", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(["nina@newcomer.example"], Assert.Single(server.Received).To);
        Assert.Equal("Your invitation to Acme Bcc: victim@attacker.example 123456 in Conversational Cloud", mail.Subject);
        Assert.Contains("join Acme Bcc: victim@attacker.example 123456 in Conversational Cloud", mail.TextBody, StringComparison.Ordinal);
        Assert.Equal(Assert.Single(host.Handed).OneTimePassword, MailParts.Code(mail)); // the name's digits are no second code line
    }

    private sealed class ByDomainLocale : IInvitationMailLocaleResolver
    {
        public ValueTask<InvitationMailLocale> ResolveAsync(InvitationMessage message, CancellationToken cancellationToken) =>
            ValueTask.FromResult(message.Recipient.Domain.EndsWith(".ru", StringComparison.Ordinal)
                ? new InvitationMailLocale(System.Globalization.CultureInfo.GetCultureInfo("ru-RU"), DateTimeZoneProviders.Tzdb["Europe/Moscow"])
                : new InvitationMailLocale(System.Globalization.CultureInfo.GetCultureInfo("en"), DateTimeZone.Utc));
    }
}
