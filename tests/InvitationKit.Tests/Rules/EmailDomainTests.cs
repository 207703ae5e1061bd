using InvitationKit.Ports;
using InvitationKit.Tests.Infrastructure;

namespace InvitationKit.Tests.Rules;

/// <summary>Rule 20, an account's email domains: the allow-list at invite and dry run, and who may change the policy.</summary>
public sealed class EmailDomainTests
{
    private static readonly Actor Root = Actor.Admin("platform-admin");

    private static EmailDomain Allowed(string domain) => new(domain, EmailDomainKind.Allowed);

    private static EmailDomain Verified(string domain) => new(domain, EmailDomainKind.Verified);

    private static InviteRequest Request(params string[] emails) =>
        new(TestKit.AccountId, TestKit.Product, [.. emails.Select(e => new InviteRecipient(e, "VIEWER"))]);

    [Fact]
    public async Task An_allow_list_refuses_each_address_of_another_domain_among_the_batchs_other_problems()
    {
        await using var kit = await TestKit.CreateAsync(userLimit: 2);
        (await kit.Manager.SetEmailDomainsAsync(kit.Owner, TestKit.AccountId, [Allowed("Acme.Example"), Verified("bücher.example")])).ShouldFailWith(InvitationErrorCode.PermissionDenied);
        var policy = (await kit.Manager.SetEmailDomainsAsync(kit.Owner, TestKit.AccountId, [Allowed("Acme.Example"), Allowed("Bücher.Example")])).ShouldSucceed();
        Assert.Equal([Allowed("acme.example"), Allowed("xn--bcher-kva.example")], policy.Domains);

        var request = Request("ann@ACME.example", "bob@gmail.com", "not an address", "cy@xn--bcher-kva.example", "di@BÜCHER.example", "eve@sub.acme.example");
        var check = (await kit.Manager.CheckInviteAsync(kit.Owner, request)).ShouldSucceed();
        var refused = (await kit.Manager.InviteAsync(kit.Owner, request)).ShouldFailWith(
            InvitationErrorCode.EmailDomainNotAllowed, InvitationErrorCode.EmailDomainNotAllowed, InvitationErrorCode.InvalidEmail, InvitationErrorCode.UserLimitExceeded);
        Assert.Equal(check.Problems.Select(e => (e.Code, e.Recipient)), refused.Select(e => (e.Code, e.Recipient)));
        Assert.Equal(["bob@gmail.com", "eve@sub.acme.example"], refused.Where(e => e.Code == InvitationErrorCode.EmailDomainNotAllowed).Select(e => e.Recipient));
        Assert.Contains("acme.example, xn--bcher-kva.example", refused[0].Remedies[0], StringComparison.Ordinal);
        Assert.Equal(3, check.Seats.Requested); // the refused domains take no seat
        Assert.Empty(kit.Store.Invitations);

        (await kit.Manager.InviteAsync(kit.Owner, Request("ann@ACME.example", "di@BÜCHER.example"))).ShouldFailWith(InvitationErrorCode.UserLimitExceeded);
        (await kit.Manager.InviteAsync(kit.Owner, Request("di@BÜCHER.example"))).ShouldSucceed();
    }

    [Fact]
    public async Task Without_domains_every_domain_is_invited_and_a_verified_domain_is_also_allowed()
    {
        await using var kit = await TestKit.CreateAsync();
        (await kit.InviteAsync("a@gmail.com")).ShouldSucceed();
        (await kit.Manager.SetEmailDomainsAsync(Root, TestKit.AccountId, [Verified("acme.example")])).ShouldSucceed();
        (await kit.InviteAsync("b@acme.example")).ShouldSucceed();
        (await kit.InviteAsync("c@gmail.com")).ShouldFailWith(InvitationErrorCode.EmailDomainNotAllowed);
        (await kit.Manager.SetEmailDomainsAsync(kit.Owner, TestKit.AccountId, [])).ShouldSucceed(); // an owner may withdraw a verified domain
        (await kit.InviteAsync("c@gmail.com")).ShouldSucceed();
        Assert.Empty((await kit.Manager.GetEmailDomainsAsync(kit.Owner, TestKit.AccountId)).ShouldSucceed().Domains);
    }

    [Fact]
    public async Task Malformed_domains_are_refused_each_with_a_typed_error_and_nothing_changes()
    {
        await using var kit = await TestKit.CreateAsync();
        (await kit.Manager.SetEmailDomainsAsync(kit.Owner, TestKit.AccountId, [Allowed("acme.example")])).ShouldSucceed();
        var errors = (await kit.Manager.SetEmailDomainsAsync(kit.Owner, TestKit.AccountId,
            [Allowed("bob@acme.example"), Allowed("[127.0.0.1]"), Allowed("-bad-.example"), Allowed(""), Allowed("ok.example"), Allowed("OK.example"), new("x.example", (EmailDomainKind)9)]))
            .ShouldFailWith(Enumerable.Repeat(InvitationErrorCode.InvalidInput, 6).ToArray());
        Assert.Contains(errors, e => e.Message.Contains("'ok.example' appears more than once", StringComparison.Ordinal));
        (await kit.Manager.SetEmailDomainsAsync(kit.Owner, TestKit.AccountId, [.. Enumerable.Range(0, 101).Select(i => Allowed($"d{i}.example"))]))
            .ShouldFailWith(InvitationErrorCode.InvalidInput);
        Assert.Equal([Allowed("acme.example")], (await kit.Manager.GetEmailDomainsAsync(kit.Owner, TestKit.AccountId)).ShouldSucceed().Domains);
    }

    [Fact]
    public async Task A_user_admin_reads_the_policy_but_only_an_owner_or_system_admin_changes_it()
    {
        await using var kit = await TestKit.CreateAsync();
        var userAdmin = Actor.User(kit.Member("admin@acme.example", WellKnownRoles.UserAdmin).Id);
        var viewer = Actor.User(kit.Member("viewer@acme.example", "VIEWER").Id);
        (await kit.Manager.SetEmailDomainsAsync(userAdmin, TestKit.AccountId, [Allowed("acme.example")])).ShouldFailWith(InvitationErrorCode.PermissionDenied);
        (await kit.Manager.GetEmailDomainsAsync(viewer, TestKit.AccountId)).ShouldFailWith(InvitationErrorCode.PermissionDenied);
        (await kit.Manager.SetEmailDomainsAsync(kit.Owner, TestKit.AccountId, [Allowed("acme.example")])).ShouldSucceed();
        Assert.Equal([Allowed("acme.example")], (await kit.Manager.GetEmailDomainsAsync(userAdmin, TestKit.AccountId)).ShouldSucceed().Domains);

        var changed = Assert.Single(kit.Events.Events, e => e.Kind == InvitationEventKind.EmailDomainsChanged);
        Assert.Equal((TestKit.AccountId, "owner"), (changed.AccountId, changed.ActorId));
        Assert.Contains(kit.Logs.Entries, l => l.Id.Id == 1047);
    }

    [Fact]
    public async Task An_owner_keeps_a_verified_domain_but_cannot_claim_one()
    {
        await using var kit = await TestKit.CreateAsync();
        (await kit.Manager.SetEmailDomainsAsync(Root, TestKit.AccountId, [Verified("acme.example")])).ShouldSucceed();
        (await kit.Manager.SetEmailDomainsAsync(kit.Owner, TestKit.AccountId, [Verified("ACME.example"), Allowed("partner.example")])).ShouldSucceed();
        (await kit.Manager.SetEmailDomainsAsync(kit.Owner, TestKit.AccountId, [Verified("acme.example"), Verified("partner.example")])).ShouldFailWith(InvitationErrorCode.PermissionDenied);
        Assert.Equal([Verified("acme.example"), Allowed("partner.example")], (await kit.Manager.GetEmailDomainsAsync(kit.Owner, TestKit.AccountId)).ShouldSucceed().Domains);
    }

    [Fact]
    public async Task The_policy_applies_at_invite_time_an_earlier_invitation_still_accepts()
    {
        await using var kit = await TestKit.CreateAsync();
        kit.User("bob@gmail.com");
        await kit.InviteOneAsync("bob@gmail.com");
        (await kit.Manager.SetEmailDomainsAsync(kit.Owner, TestKit.AccountId, [Allowed("acme.example")])).ShouldSucceed();
        (await kit.AcceptAsync("bob@gmail.com")).ShouldSucceed();
    }
}
