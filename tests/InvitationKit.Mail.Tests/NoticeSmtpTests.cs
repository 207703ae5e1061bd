using InvitationKit.Mail.Tests.Infrastructure;
using MimeKit;
using SmtpServer.Protocol;

namespace InvitationKit.Mail.Tests;

/// <summary>
/// Notices mailed over SMTP (<c>UseSmtpNoticeMailer</c>) to a real server in this process: the holder of an expired link
/// asks for a new invitation and the inviter, or each manager, gets a mail of their own in their language; a reminder
/// tells the inviter. Nobody sees another recipient, and the requester learns nothing.
/// </summary>
public sealed class NoticeSmtpTests
{
    [Fact]
    public async Task An_expired_links_holder_asks_for_a_new_invitation_and_the_inviter_gets_a_mail_in_their_language()
    {
        await using var server = await SmtpTestServer.StartAsync();
        await using var host = await MailHost.StartAsync(server.Port, notices: true);
        host.Users.SetContact("owner", "Oscar Owner", "ru-RU");
        var secret = await InviteAndExpireAsync(host, server, host.Owner);

        var asked = await host.Manager.RequestNewInvitationAsync(secret);
        var unknown = await host.Manager.RequestNewInvitationAsync("no-such-secret-" + new string('x', 30));
        Assert.Equal((asked.Succeeded, asked.Value), (unknown.Succeeded, unknown.Value)); // the requester learns nothing
        Assert.Equal(1, (await host.Dispatcher.DispatchAsync()).NoticesSent);

        var (mail, to) = Assert.Single(server.Received);
        Assert.Equal(["owner@acme.example"], to);
        Assert.Equal(("Oscar Owner", "owner@acme.example"), (Assert.Single(mail.To.Mailboxes).Name, mail.To.Mailboxes.Single().Address));
        Assert.Equal("Запрос нового приглашения: bob@example.com в «Acme Corp»", mail.Subject);
        Assert.Equal("ru", mail.Body!.Headers[HeaderId.ContentLanguage]);
        Assert.Equal("auto-generated", mail.Headers["Auto-Submitted"]);
        Assert.EndsWith("@acme.example", mail.MessageId, StringComparison.Ordinal);
        Assert.Contains("Здравствуйте, Oscar Owner!", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Ваше приглашение для bob@example.com", mail.TextBody, StringComparison.Ordinal);
        Assert.Equal(["https://app.acme.example/Invitations/Accounts/acme"], MailParts.Links(mail)); // no secret, no address in a link
        Assert.DoesNotContain(secret, mail.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(host.Logs.Entries, e => e.Text.Contains("owner@acme.example", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Each_manager_gets_a_mail_of_their_own_in_their_language_and_an_unknown_one_is_left_out()
    {
        await using var server = await SmtpTestServer.StartAsync();
        await using var host = await MailHost.StartAsync(server.Port, notices: true);
        host.Users.AddUser("olivia@acme.example", id: "olivia");
        host.Users.AddUser("ivan@acme.example", id: "ivan");
        host.Users.AddUser("banned@acme.example", id: "banned", state: UserState.Disabled);
        host.Users.SetContact("ivan", "Иван Админ", "ru");
        host.Users.SetContact("owner", "Oscar Owner", null);
        (await host.Manager.ImportMembersAsync(new MemberImport(MailHost.AccountId, [new ImportedMember("olivia", ["USER_ADMIN", "EDITOR"]), new ImportedMember("ivan", ["USER_ADMIN"]), new ImportedMember("banned", ["USER_ADMIN"]), new ImportedMember("ghost", ["USER_ADMIN"])]))).ShouldSucceed();
        var secret = await InviteAndExpireAsync(host, server, Actor.User("olivia"));
        (await host.Manager.RemoveMemberAsync(host.Owner, MailHost.AccountId, "olivia")).ShouldSucceed(); // the inviter can no longer act: the managers are told

        (await host.Manager.RequestNewInvitationAsync(secret)).ShouldSucceed();
        Assert.Equal(1, (await host.Dispatcher.DispatchAsync()).NoticesSent);

        var mails = server.Received.ToDictionary(r => Assert.Single(r.To), r => r.Message);
        Assert.Equal(["ivan@acme.example", "owner@acme.example"], mails.Keys.Order(StringComparer.Ordinal)); // the disabled and the unknown left out
        Assert.Equal("Request for a new invitation: bob@example.com to Acme Corp", mails["owner@acme.example"].Subject);
        Assert.Equal("Запрос нового приглашения: bob@example.com в «Acme Corp»", mails["ivan@acme.example"].Subject);
        Assert.Contains("The invitation olivia@acme.example sent for bob@example.com", mails["owner@acme.example"].TextBody, StringComparison.Ordinal);
        foreach (var (address, mail) in mails)
        {
            var whole = mail.ToString();
            Assert.Equal(address, Assert.Single(mail.To.Mailboxes).Address);
            Assert.Empty(mail.Cc);
            Assert.Empty(mail.Bcc);
            Assert.DoesNotContain(mails.Keys.Single(k => k != address), whole, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("banned@", whole, StringComparison.Ordinal);
        }

        Assert.NotEqual(mails["owner@acme.example"].MessageId, mails["ivan@acme.example"].MessageId);
        Assert.Contains(host.Logs.Entries, e => e.Id.Id == 1205 && e.Text.Contains("ghost", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_retried_notice_gives_each_recipient_the_same_Message_ID_again()
    {
        await using var server = await SmtpTestServer.StartAsync();
        await using var host = await MailHost.StartAsync(server.Port, notices: true);
        host.Users.AddUser("olivia@acme.example", id: "olivia");
        host.Users.AddUser("ivan@acme.example", id: "ivan");
        (await host.Manager.ImportMembersAsync(new MemberImport(MailHost.AccountId, [new ImportedMember("olivia", ["USER_ADMIN", "EDITOR"]), new ImportedMember("ivan", ["USER_ADMIN"])]))).ShouldSucceed();
        var secret = await InviteAndExpireAsync(host, server, Actor.User("olivia"));
        (await host.Manager.RemoveMemberAsync(host.Owner, MailHost.AccountId, "olivia")).ShouldSucceed();
        (await host.Manager.RequestNewInvitationAsync(secret)).ShouldSucceed();

        string? first = null; // the first recipient's mail goes out, the second's is refused for now
        server.RefuseRecipient = address => (first ??= address) == address ? null : new SmtpResponse(SmtpReplyCode.Unavailable, "4.2.1 mailbox busy");
        Assert.Equal(1, (await host.Dispatcher.DispatchAsync()).NoticesFailed);
        server.RefuseRecipient = null;
        host.Clock.Advance(Duration.FromHours(1));
        Assert.Equal(1, (await host.Dispatcher.DispatchAsync()).NoticesSent);

        var twice = server.Received.Where(r => r.To[0] == first).Select(r => r.Message.MessageId).ToArray();
        Assert.Equal(2, twice.Length); // at least once: the retry mails everyone again...
        Assert.Equal(twice[0], twice[1]); // ...under the same Message-ID, so a server can drop the copy
        var other = server.Received.Single(r => r.To[0] != first).Message.MessageId;
        Assert.NotEqual(twice[0], other);
    }

    [Fact]
    public async Task A_reminder_tells_the_inviter_that_the_invitation_expires_soon()
    {
        await using var server = await SmtpTestServer.StartAsync();
        await using var host = await MailHost.StartAsync(server.Port, notices: true, kit: o => o.ReminderLead = Duration.FromHours(48));
        (await host.InviteAsync("bob@example.com")).ShouldSucceed();
        host.Clock.Advance(Duration.FromDays(5) + Duration.FromHours(12));

        var report = await host.Dispatcher.DispatchAsync();
        Assert.Equal(1, report.Reminded);
        await host.Dispatcher.DispatchAsync(); // the notice the reminder queued, if this dispatch did not send it already

        var notice = server.Received.Single(r => r.To[0] == "owner@acme.example").Message;
        Assert.Equal("The invitation for bob@example.com to Acme Corp expires soon", notice.Subject);
        Assert.Contains("Your invitation for bob@example.com to join Acme Corp in Conversational Cloud has not been answered yet", notice.TextBody, StringComparison.Ordinal);
        Assert.Contains("The invitation expires in 2 days", notice.TextBody, StringComparison.Ordinal);
        Assert.Equal(2, server.Received.Count(r => r.To[0] == "bob@example.com")); // the invitation, and its reminder
    }

    [Fact]
    public async Task CR_LF_in_names_adds_no_header_and_HTML_in_them_is_encoded()
    {
        await using var server = await SmtpTestServer.StartAsync();
        await using var host = await MailHost.StartAsync(server.Port, accountName: "Acme\r\nBcc: victim@attacker.example\r\n<b>x</b>", notices: true);
        host.Users.SetContact("owner", "Oscar\r\nBcc: victim2@attacker.example <i>", null);
        var secret = await InviteAndExpireAsync(host, server, host.Owner);

        (await host.Manager.RequestNewInvitationAsync(secret)).ShouldSucceed();
        await host.Dispatcher.DispatchAsync();

        var (mail, to) = Assert.Single(server.Received);
        Assert.Equal(["owner@acme.example"], to);
        Assert.Empty(mail.Bcc);
        Assert.DoesNotContain(mail.Headers, h => h.Field.Equals("Bcc", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("Oscar Bcc: victim2@attacker.example <i>", Assert.Single(mail.To.Mailboxes).Name);
        Assert.Equal("Request for a new invitation: bob@example.com to Acme Bcc: victim@attacker.example <b>x</b>", mail.Subject);
        Assert.Contains("Acme Bcc: victim@attacker.example &lt;b&gt;x&lt;/b&gt;", mail.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>x</b>", mail.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<i>", mail.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_notice_none_of_whose_recipients_can_be_mailed_is_given_up()
    {
        await using var server = await SmtpTestServer.StartAsync();
        await using var host = await MailHost.StartAsync(server.Port, notices: true);

        var error = await Assert.ThrowsAsync<PermanentDeliveryException>(() => host.NoticeMailer.SendAsync(NoticeSamples.Request with { RecipientUserIds = ["ghost", "nobody"] }, CancellationToken.None));

        Assert.Contains("None of the 2 recipients", error.Message, StringComparison.Ordinal);
        Assert.Empty(server.Received);
    }

    [Fact]
    public async Task A_mailbox_refused_for_good_is_skipped_and_the_others_are_still_mailed()
    {
        await using var server = await SmtpTestServer.StartAsync();
        server.RefuseRecipient = address => address == "ivan@acme.example" ? new SmtpResponse(SmtpReplyCode.MailboxUnavailable, "5.1.1 User unknown") : null;
        await using var host = await MailHost.StartAsync(server.Port, notices: true);
        host.Users.AddUser("ivan@acme.example", id: "ivan");

        await host.NoticeMailer.SendAsync(NoticeSamples.Request with { RecipientUserIds = ["ivan", "owner"], InvitedBy = "owner" }, CancellationToken.None);
        Assert.Equal(["owner@acme.example"], Assert.Single(server.Received).To);

        await Assert.ThrowsAsync<PermanentDeliveryException>(() => host.NoticeMailer.SendAsync(NoticeSamples.Request with { RecipientUserIds = ["ivan"] }, CancellationToken.None));
    }

    /// <summary>Invites bob as <paramref name="inviter"/>, reads the link secret from his mail, lets the invitation expire, forgets the mail.</summary>
    private static async Task<string> InviteAndExpireAsync(MailHost host, SmtpTestServer server, Actor inviter)
    {
        (await host.Manager.InviteAsync(inviter, new InviteRequest(MailHost.AccountId, MailHost.Product, [new InviteRecipient("bob@example.com", "EDITOR")]))).ShouldSucceed();
        var secret = MailParts.Query(MailParts.Links(server.Single()).Single(l => l.Contains("/Invite?", StringComparison.Ordinal)), "secret");
        server.Received.Clear();
        host.Clock.Advance(Duration.FromDays(8));
        return secret;
    }
}
