using InvitationKit.Testing.Conformance;
using InvitationKit.Tests.Infrastructure;
using NodaTime;

namespace InvitationKit.Tests.Attacks;

/// <summary>
/// Issue 21, options per invitation (rule 25): a malicious admin's open redirect, oversized metadata and a lifetime out
/// of bounds are refused with nothing written; metadata reaches the membership and the mailer, never a log or a
/// <c>ToString</c>; every store keeps every option.
/// </summary>
public abstract partial class AttackTests
{
    private const string AllowedOrigin = "https://app.example.com";

    /// <summary>Return URLs an admin might use to send invitees elsewhere: each is refused.</summary>
    private static readonly string[] OpenRedirects =
    [
        "javascript:alert(document.cookie)",
        "JavaScript://app.example.com/%0aalert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "//evil.example/",
        "///evil.example/",
        "/\\evil.example",
        "\\\\evil.example",
        "https:\\\\evil.example",
        "https:/evil.example",
        "https:evil.example",
        "/welcome",
        "welcome",
        "https://evil.example/",
        "https://app.example.com.evil.example/",
        "https://evil.example/https://app.example.com",
        "https://evil.example#https://app.example.com/",
        "https://evil.example?https://app.example.com/",
        "https://app.example.com@evil.example/",
        "https://app.example.com:@evil.example/",
        "https://app.example.com:443@evil.example/",
        "https://user:password@app.example.com/",
        "https://app.example.com%2f@evil.example/",
        "https://app.example.com%40evil.example/",
        "https://evil.example\\@app.example.com/",
        "https://evil.example\\.app.example.com/",
        "https://app.example.com:8443/",
        "https://app.example.com:80/",
        "http://app.example.com/",
        "ftp://app.example.com/",
        "https://аpp.example.com/", // a Cyrillic 'а'
        "https://xn--pp-7kc.example.com/", // the same, as punycode
        "https://app.example.com\u3002evil.example/", // an ideographic full stop
        "https://ａｐｐ.example.com/", // fullwidth letters
        "https://[::1]/",
        "https://127.0.0.1/",
        "https://0x7f000001/",
        " https://app.example.com/",
        "https://app.example.com/ ",
        "https://app.example.com/\r\nLocation: https://evil.example/",
        "https://app.example.com\t.evil.example/",
        "https://app.example.com/\0",
        "",
        "https://" + new string('a', 2100) + ".example.com/",
    ];

    [StoreFact]
    public async Task A_malicious_admin_cannot_set_an_open_redirect_return_url()
    {
        await using var kit = await KitAsync(o => o.AllowedReturnOrigins = [AllowedOrigin]);
        foreach (var returnUrl in OpenRedirects)
        {
            var request = new InviteRequest(TestKit.AccountId, TestKit.Product, [new InviteRecipient("carol@example.com", "VIEWER")]) { ReturnUrl = returnUrl };
            (await kit.Manager.CheckInviteAsync(kit.Owner, request)).ShouldFailWith(InvitationErrorCode.ReturnUrlNotAllowed);
            var error = (await kit.Manager.InviteAsync(kit.Owner, request)).ShouldFailWith(InvitationErrorCode.ReturnUrlNotAllowed).Single();
            Assert.NotEmpty(error.Remedies);
        }

        await NothingWrittenForAsync(kit, "carol@example.com");
    }

    [StoreFact]
    public async Task A_return_url_of_an_allowed_origin_reaches_the_preview_the_view_and_the_mail()
    {
        await using var kit = await KitAsync(o => o.AllowedReturnOrigins = ["https://App.Example.com/", "https://bücher.example:8443"]);
        foreach (var url in new[] { "https://app.example.com/welcome?team=7#start", "HTTPS://APP.EXAMPLE.COM", "https://app.example.com:443/x", "https://xn--bcher-kva.example:8443/" })
        {
            var email = $"carol{url.Length}@example.com";
            var request = new InviteRequest(TestKit.AccountId, TestKit.Product, [new InviteRecipient(email, "VIEWER")]) { ReturnUrl = url, Language = "ru" };
            var view = (await kit.Manager.InviteAsync(kit.Owner, request)).ShouldSucceed().Invitations.Single();
            Assert.Equal(url, view.ReturnUrl);
            Assert.Equal(url, kit.Mailer.LastTo(email).ReturnUrl);
            var preview = (await kit.Manager.PreviewAsync(kit.SecretFor(email))).ShouldSucceed();
            Assert.Equal((url, "ru"), (preview.ReturnUrl, preview.Language));
            Assert.Equal(url, (await kit.Manager.GetAsync(kit.Owner, view.Id)).ShouldSucceed().ReturnUrl);
        }
    }

    [StoreFact]
    public async Task Oversized_metadata_is_refused_and_nothing_is_written()
    {
        await using var kit = await KitAsync();
        foreach (var excess in new[] { "entries", "key length", "key characters", "empty key", "value length", "NUL", "line break", "lone surrogate", "null value" })
        {
            await RefusedMetadataAsync(kit, excess);
        }

        await NothingWrittenForAsync(kit, "carol@example.com");
    }

    private static async Task RefusedMetadataAsync(TestKit kit, string excess)
    {
        Dictionary<string, string> metadata = excess switch
        {
            "entries" => Enumerable.Range(0, 17).ToDictionary(i => $"k{i}", i => "v"),
            "key length" => new() { [new string('k', 65)] = "v" },
            "key characters" => new() { ["team name"] = "v" },
            "empty key" => new() { [string.Empty] = "v" },
            "value length" => new() { ["team"] = new string('v', 513) },
            "NUL" => new() { ["team"] = "a\0b" },
            "line break" => new() { ["team"] = "a\r\nBcc: eve@evil.example" },
            "lone surrogate" => new() { ["team"] = "a\ud800b" },
            _ => new() { ["team"] = null! },
        };
        var request = new InviteRequest(TestKit.AccountId, TestKit.Product, [new InviteRecipient("carol@example.com", "VIEWER")]) { Metadata = metadata };

        (await kit.Manager.CheckInviteAsync(kit.Owner, request)).ShouldFailWith(InvitationErrorCode.InvalidMetadata);
        var error = (await kit.Manager.InviteAsync(kit.Owner, request)).ShouldFailWith(InvitationErrorCode.InvalidMetadata).Single();
        Assert.DoesNotContain("Bcc", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(new string('v', 100), error.Message, StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task A_lifetime_out_of_bounds_is_refused_and_nothing_is_written()
    {
        await using var kit = await KitAsync();
        foreach (var lifetime in new[] { Duration.Zero, -Duration.FromDays(1), Duration.FromMinutes(59), Duration.FromDays(30) + Duration.Epsilon, Duration.FromDays(365), Duration.MaxValue, Duration.MinValue })
        {
            var request = new InviteRequest(TestKit.AccountId, TestKit.Product, [new InviteRecipient("carol@example.com", "VIEWER")]) { Lifetime = lifetime };
            (await kit.Manager.CheckInviteAsync(kit.Owner, request)).ShouldFailWith(InvitationErrorCode.LifetimeOutOfBounds);
            Assert.NotEmpty((await kit.Manager.InviteAsync(kit.Owner, request)).ShouldFailWith(InvitationErrorCode.LifetimeOutOfBounds).Single().Remedies);
        }

        await NothingWrittenForAsync(kit, "carol@example.com");
    }

    [StoreFact]
    public async Task A_resend_cannot_stretch_an_invitation_past_its_own_lifetime()
    {
        await using var kit = await KitAsync();
        var lifetime = Duration.FromHours(2);
        var request = new InviteRequest(TestKit.AccountId, TestKit.Product, [new InviteRecipient("nina@example.com", "VIEWER")]) { Lifetime = lifetime };
        var created = (await kit.Manager.InviteAsync(kit.Owner, request)).ShouldSucceed().Invitations.Single();
        var start = kit.Clock.GetCurrentInstant();
        Assert.Equal(start + lifetime, created.ExpiresAt);
        var mail = kit.Mailer.LastTo("nina@example.com");
        Assert.Equal(start + lifetime, mail.ExpiresAt);
        Assert.Equal(start + lifetime, mail.OtpExpiresAt); // the code (24 hours) never outlives the invitation (2 hours)
        Assert.Equal(start + lifetime, (await kit.Manager.PreviewAsync(mail.Secret)).ShouldSucceed().ExpiresAt);

        kit.Clock.Advance(Duration.FromHours(1));
        var resent = (await kit.Manager.ResendAsync(kit.Owner, created.Id)).ShouldSucceed();
        Assert.Equal(kit.Clock.GetCurrentInstant() + lifetime, resent.ExpiresAt); // renewed by its own lifetime, not the deployment's 7 days
        Assert.Equal(lifetime, (await kit.StoredAsync(created.Id)).Lifetime);
        Assert.Equal(resent.ExpiresAt, kit.Mailer.LastTo("nina@example.com").OtpExpiresAt);

        // A re-invite's resend keeps the invitation's own lifetime too; a replace takes the new request's.
        kit.Clock.Advance(Duration.FromMinutes(30));
        var again = request with { WhenPending = PendingInvitationChoice.Resend, Lifetime = Duration.FromDays(20) };
        Assert.Equal(kit.Clock.GetCurrentInstant() + lifetime, (await kit.Manager.InviteAsync(kit.Owner, again)).ShouldSucceed().Invitations.Single().ExpiresAt);
        var replaced = (await kit.Manager.InviteAsync(kit.Owner, again with { WhenPending = PendingInvitationChoice.Replace })).ShouldSucceed().Invitations.Single();
        Assert.Equal(kit.Clock.GetCurrentInstant() + Duration.FromDays(20), replaced.ExpiresAt);
    }

    [StoreFact]
    public async Task The_dispatchers_reissue_never_moves_an_invitations_expiry()
    {
        await using var kit = await KitAsync();
        kit.Mailer.FailWhen = _ => true;
        var request = new InviteRequest(TestKit.AccountId, TestKit.Product, [new InviteRecipient("nina@example.com", "VIEWER")]) { Lifetime = Duration.FromHours(3) };
        var created = (await kit.Manager.InviteAsync(kit.Owner, request)).ShouldSucceed().Invitations.Single();
        kit.Mailer.FailWhen = null;
        kit.Clock.Advance(Duration.FromHours(1));
        await kit.Dispatcher.DispatchAsync();

        var mail = kit.Mailer.LastTo("nina@example.com");
        Assert.Equal(created.ExpiresAt, mail.ExpiresAt);
        Assert.Equal(created.ExpiresAt, mail.OtpExpiresAt);
        Assert.Equal(created.ExpiresAt, (await kit.StoredAsync(created.Id)).ExpiresAt);
    }

    [StoreFact]
    public async Task Metadata_reaches_the_membership_and_the_mailer_but_never_a_log_an_event_or_a_ToString()
    {
        const string Secret = "host-only-7f3a9c";
        await using var kit = await KitAsync(o => o.SupportedLanguages = ["en", "ru"]);
        kit.Users.AddUser("bob@example.com");
        var metadata = new Dictionary<string, string> { ["crm.contact-id"] = Secret, ["team"] = "Платформа 🚀" };
        var request = new InviteRequest(TestKit.AccountId, TestKit.Product, [new InviteRecipient("bob@example.com", "VIEWER"), new InviteRecipient("nina@example.com", "VIEWER")])
        {
            Metadata = metadata,
            Language = "RU",
            Lifetime = Duration.FromDays(14),
        };

        var outcome = (await kit.Manager.InviteAsync(kit.Owner, request)).ShouldSucceed();
        var check = (await kit.Manager.CheckInviteAsync(kit.Owner, request with { Recipients = [new InviteRecipient("dan@example.com", "VIEWER")] })).ShouldSucceed();
        Assert.All(outcome.Invitations, view => Assert.Equal(metadata.OrderBy(e => e.Key), view.Metadata));
        Assert.All(outcome.Invitations, view => Assert.Equal("ru", view.Language)); // as the deployment lists it
        var message = kit.Mailer.LastTo("bob@example.com");
        Assert.Equal(metadata.OrderBy(e => e.Key), message.Metadata);
        Assert.Equal("ru", message.Language);
        var preview = (await kit.Manager.PreviewAsync(message.Secret)).ShouldSucceed();

        var member = (await kit.AcceptAsync("bob@example.com")).ShouldSucceed();
        Assert.Equal(metadata.OrderBy(e => e.Key), member.Metadata);
        var activated = (await kit.Manager.ActivateAsync(Activation("nina@example.com", kit.OtpFor("nina@example.com")))).ShouldSucceed();
        Assert.Equal(metadata.OrderBy(e => e.Key), activated.Metadata);
        var members = (await kit.Manager.ListMembersAsync(kit.Owner, new MemberQuery(TestKit.AccountId))).ShouldSucceed().Items;
        Assert.All(members.Where(m => m.InvitationId is not null), m => Assert.Equal(metadata.OrderBy(e => e.Key), m.Metadata));
        Assert.Equal(2, members.Count(m => m.InvitationId is not null));

        string[] printed =
        [
            request.ToString(), outcome.ToString(), check.ToString(), message.ToString(), preview.ToString(), member.ToString(), activated.ToString(),
            .. outcome.Invitations.Select(v => v.ToString()), .. members.Select(m => m.ToString()),
            .. kit.Logs.Entries.Select(e => e.Text), .. kit.Events.Events.Select(e => e.ToString()),
        ];
        Assert.All(printed, text => Assert.DoesNotContain(Secret, text, StringComparison.Ordinal));
        Assert.All(printed, text => Assert.DoesNotContain("Платформа", text, StringComparison.Ordinal));
    }

    [StoreFact]
    public async Task An_idempotent_retry_with_other_options_is_another_request()
    {
        await using var kit = await KitAsync(o => o.AllowedReturnOrigins = [AllowedOrigin]);
        var request = new InviteRequest(TestKit.AccountId, TestKit.Product, [new InviteRecipient("carol@example.com", "VIEWER")], IdempotencyKey: "k1")
        {
            Lifetime = Duration.FromDays(2),
            Metadata = new Dictionary<string, string> { ["team"] = "a" },
            ReturnUrl = AllowedOrigin + "/a",
            Language = "en",
        };
        var first = (await kit.Manager.InviteAsync(kit.Owner, request)).ShouldSucceed().Invitations.Single();

        Assert.Equal(first.Id, (await kit.Manager.InviteAsync(kit.Owner, request with { Metadata = new Dictionary<string, string> { ["team"] = "a" } })).ShouldSucceed().Invitations.Single().Id);
        foreach (var other in new[]
        {
            request with { Lifetime = Duration.FromDays(3) }, request with { Lifetime = null },
            request with { Metadata = new Dictionary<string, string> { ["team"] = "b" } }, request with { Metadata = null },
            request with { ReturnUrl = AllowedOrigin + "/b" }, request with { Language = "fr" },
        })
        {
            (await kit.Manager.CheckInviteAsync(kit.Owner, other)).ShouldFailWith(InvitationErrorCode.IdempotencyKeyReused);
            (await kit.Manager.InviteAsync(kit.Owner, other)).ShouldFailWith(InvitationErrorCode.IdempotencyKeyReused);
        }
    }

    [StoreFact]
    public async Task Every_store_keeps_every_option_of_an_invitation_and_its_membership()
    {
        await using var kit = await KitAsync(o => o.AllowedReturnOrigins = [AllowedOrigin]);
        kit.Users.AddUser("bob@example.com");
        var metadata = new Dictionary<string, string> { ["b"] = "\"quoted\" ' \\ <tag> & é 日本", ["a"] = string.Empty, ["z.9:_-"] = new string('x', 512) };
        var request = new InviteRequest(TestKit.AccountId, TestKit.Product, [new InviteRecipient("bob@example.com", "VIEWER")])
        {
            Lifetime = Duration.FromSeconds(3601) + Duration.FromTicks(7),
            Metadata = metadata,
            ReturnUrl = AllowedOrigin + "/welcome?x='1'&y=%22#z",
            Language = "zh-Hant-TW",
        };
        var id = (await kit.Manager.InviteAsync(kit.Owner, request)).ShouldSucceed().Invitations.Single().Id;

        var stored = await kit.StoredAsync(id);
        Assert.Equal(request.Lifetime, stored.Lifetime);
        Assert.Equal(metadata.OrderBy(e => e.Key, StringComparer.Ordinal), stored.Metadata);
        Assert.Equal((request.ReturnUrl, request.Language), (stored.ReturnUrl, stored.Language));
        var plain = (await kit.InviteAsync("dan@example.com")).ShouldSucceed().Invitations.Single();
        var none = await kit.StoredAsync(plain.Id);
        Assert.Equal((null, 0, null, null), (none.Lifetime, none.Metadata.Count, none.ReturnUrl, none.Language));

        (await kit.AcceptAsync("bob@example.com")).ShouldSucceed();
        var bob = await kit.Users.FindByEmailAsync(EmailAddress.Parse("bob@example.com"), default);
        var member = await kit.Port.Members.FindMemberAsync(TestKit.AccountId, bob!.Id, default);
        Assert.Equal(metadata.OrderBy(e => e.Key, StringComparer.Ordinal), member!.Metadata);
        var after = await kit.StoredAsync(id);
        Assert.Equal((stored.Lifetime, stored.ReturnUrl, stored.Language), (after.Lifetime, after.ReturnUrl, after.Language));
        Assert.Equal(stored.Metadata, after.Metadata);
    }

    private static async Task NothingWrittenForAsync(TestKit kit, string email)
    {
        Assert.Empty(await kit.Port.Invitations.FindPendingByEmailAsync(EmailAddress.Parse(email).Key, TestKit.AccountId, default));
        Assert.Empty(kit.Mailer.Sent);
        Assert.Null(await kit.Users.FindByEmailAsync(EmailAddress.Parse(email), default));
    }
}
