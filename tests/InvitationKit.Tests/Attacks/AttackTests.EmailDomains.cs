using InvitationKit.Ports;
using InvitationKit.Testing.Conformance;
using InvitationKit.Tests.Infrastructure;

namespace InvitationKit.Tests.Attacks;

/// <summary>Issue 22, email domain policy: probing registration through it, other tenants, false domain claims and racing joins.</summary>
public abstract partial class AttackTests
{
    private static readonly Actor PlatformAdmin = Actor.Admin("platform-admin");

    [StoreFact]
    public async Task Hidden_registration_state_is_not_read_from_an_allow_list_refusal_a_join_or_the_joinable_list()
    {
        await using var kit = await KitAsync(o => o.HideRegistrationState = true);
        (await kit.Manager.SetEmailDomainsAsync(PlatformAdmin, TestKit.AccountId, [new("acme.example", EmailDomainKind.Verified)])).ShouldSucceed();
        kit.Users.AddUser("known@gmail.com");
        kit.Users.AddUser("banned@gmail.com", state: UserState.Disabled);
        kit.Users.AddUser("known@acme.example");
        await MemberAsync(kit, "member@acme.example");

        // The allow-list reads nothing but the address: registered, disabled and new addresses get one answer each.
        var refused = (await kit.InviteAsync("known@gmail.com", "banned@gmail.com", "new@gmail.com")).ShouldFailWith(
            InvitationErrorCode.EmailDomainNotAllowed, InvitationErrorCode.EmailDomainNotAllowed, InvitationErrorCode.EmailDomainNotAllowed);
        Assert.Single(refused.Select(e => (e.Message, string.Join("|", e.Remedies))).Distinct());

        // A signed-in attacker naming addresses they do not hold — registered, a member's, or nobody's — learns nothing.
        var attacker = kit.Users.AddUser("mallory@acme.example");
        string[] probes = ["known@acme.example", "member@acme.example", "nobody@acme.example"];
        foreach (var probe in probes)
        {
            var identity = new SignedInIdentity(attacker.Id, probe, "password", EmailVerified: true);
            Assert.Empty((await kit.Manager.ListJoinableAccountsAsync(identity)).ShouldSucceed());
        }

        var answers = new List<string>();
        foreach (var probe in probes)
        {
            var identity = new SignedInIdentity(attacker.Id, probe, "password", EmailVerified: true);
            answers.Add(string.Join("|", (await kit.Manager.JoinAsync(identity, TestKit.AccountId, TestKit.Product)).ShouldFailWith(InvitationErrorCode.NotJoinable).Select(e => e.Message)));
        }

        Assert.Single(answers.Distinct());
        Assert.Null(await kit.Port.Members.FindMemberAsync(TestKit.AccountId, attacker.Id, default));
    }

    [StoreFact]
    public async Task Another_tenants_owner_cannot_read_or_change_this_accounts_email_domains()
    {
        await using var kit = await KitAsync();
        var rival = await kit.TenantAsync("globex");
        (await kit.Manager.SetEmailDomainsAsync(kit.Owner, TestKit.AccountId, [new("acme.example", EmailDomainKind.Allowed)])).ShouldSucceed();

        (await kit.Manager.GetEmailDomainsAsync(rival, TestKit.AccountId)).ShouldFailWith(InvitationErrorCode.PermissionDenied);
        (await kit.Manager.SetEmailDomainsAsync(rival, TestKit.AccountId, [])).ShouldFailWith(InvitationErrorCode.PermissionDenied);
        (await kit.Manager.SetEmailDomainsAsync(rival, TestKit.AccountId, [new("globex.example", EmailDomainKind.Allowed)])).ShouldFailWith(InvitationErrorCode.PermissionDenied);
        Assert.Equal([new EmailDomain("acme.example", EmailDomainKind.Allowed)], (await kit.Manager.GetEmailDomainsAsync(kit.Owner, TestKit.AccountId)).ShouldSucceed().Domains);
    }

    [StoreFact]
    public async Task An_owner_claiming_a_public_domain_verified_to_draw_in_its_users_is_refused()
    {
        await using var kit = await KitAsync();
        var victim = kit.Users.AddUser("victim@gmail.com");
        (await kit.Manager.SetEmailDomainsAsync(kit.Owner, TestKit.AccountId, [new("GMAIL.com", EmailDomainKind.Verified)])).ShouldFailWith(InvitationErrorCode.PermissionDenied);

        var identity = new SignedInIdentity(victim.Id, "victim@gmail.com", "google", EmailVerified: true);
        Assert.Empty((await kit.Manager.ListJoinableAccountsAsync(identity)).ShouldSucceed());
        (await kit.Manager.JoinAsync(identity, TestKit.AccountId, TestKit.Product)).ShouldFailWith(InvitationErrorCode.NotJoinable);
    }

    [StoreFact]
    public async Task Joining_with_a_verified_address_the_directory_gives_to_another_user_is_refused()
    {
        await using var kit = await KitAsync();
        (await kit.Manager.SetEmailDomainsAsync(PlatformAdmin, TestKit.AccountId, [new("acme.example", EmailDomainKind.Verified)])).ShouldSucceed();
        kit.Users.AddUser("ceo@acme.example");
        var attacker = kit.Users.AddUser("mallory@evil.example");

        // A second identity provider vouches for an address whose account in the directory is someone else's.
        var identity = new SignedInIdentity(attacker.Id, "CEO@acme.example", "sketchy-idp", EmailVerified: true);
        (await kit.Manager.JoinAsync(identity, TestKit.AccountId, TestKit.Product)).ShouldFailWith(InvitationErrorCode.NotJoinable);
        Assert.Null(await kit.Port.Members.FindMemberAsync(TestKit.AccountId, attacker.Id, default));
    }

    [StoreFact]
    public async Task Many_users_joining_at_once_for_the_last_free_seat_take_it_once()
    {
        await using var kit = await KitAsync();
        kit.Accounts.Add(new AccountInfo(TestKit.AccountId, "Acme", UserLimit: 2));
        (await kit.Manager.SetEmailDomainsAsync(PlatformAdmin, TestKit.AccountId, [new("acme.example", EmailDomainKind.Verified)])).ShouldSucceed();
        var users = Enumerable.Range(0, 8).Select(i => kit.Users.AddUser($"u{i}@acme.example")).ToArray();
        var managers = users.Select(_ => kit.OtherRequest()).ToArray();

        var results = await Task.WhenAll(users.Select((user, i) => Task.Run(() =>
            managers[i].JoinAsync(new SignedInIdentity(user.Id, user.Email, "password", EmailVerified: true), TestKit.AccountId, TestKit.Product))));

        Assert.Single(results, r => r.Succeeded);
        Assert.All(results.Where(r => !r.Succeeded), r => r.ShouldFailWith(InvitationErrorCode.UserLimitExceeded));
        Assert.Equal(2, (await kit.Manager.GetSeatUsageAsync(kit.Owner, TestKit.AccountId)).ShouldSucceed().Occupied);
    }
}
