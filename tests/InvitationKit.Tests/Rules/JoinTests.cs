using InvitationKit.Ports;
using InvitationKit.Tests.Infrastructure;
using NodaTime;

namespace InvitationKit.Tests.Rules;

/// <summary>Rule 20, joining through a verified domain: as an acceptance, bound to a verified address, the user's state, seats and product modes.</summary>
public sealed class JoinTests
{
    private static readonly Actor Root = Actor.Admin("platform-admin");

    private static SignedInIdentity Identity(DirectoryUser user, bool verified = true) => new(user.Id, user.Email, "password", verified);

    private static async Task<TestKit> VerifiedKitAsync(Action<InvitationKitOptions>? configure = null, int? userLimit = null)
    {
        var kit = await TestKit.CreateAsync(configure, userLimit);
        (await kit.Manager.SetEmailDomainsAsync(Root, TestKit.AccountId, [new("Acme.Example", EmailDomainKind.Verified)])).ShouldSucceed();
        return kit;
    }

    [Fact]
    public async Task A_verified_user_of_the_domain_sees_the_account_joins_it_with_the_configured_roles_and_then_no_longer_sees_it()
    {
        await using var kit = await VerifiedKitAsync(o => o.VerifiedDomainJoinRoles = ["VIEWER"]);
        var ann = kit.User("Ann@ACME.example");
        Assert.Equal([new JoinableAccount(TestKit.AccountId, "Acme")], (await kit.Manager.ListJoinableAccountsAsync(Identity(ann))).ShouldSucceed());

        var member = (await kit.Manager.JoinAsync(Identity(ann), TestKit.AccountId, TestKit.Product)).ShouldSucceed();
        Assert.Equal(["VIEWER"], member.Roles);
        Assert.Equal((false, (Guid?)null), (member.IsOwner, member.InvitationId));
        Assert.Equal(member, (await kit.Manager.JoinAsync(Identity(ann), TestKit.AccountId, TestKit.Product)).ShouldSucceed()); // a retry: the same membership
        Assert.Empty((await kit.Manager.ListJoinableAccountsAsync(Identity(ann))).ShouldSucceed());
        var joined = Assert.Single(kit.Events.Events, e => e.Kind == InvitationEventKind.MemberJoined);
        Assert.Equal((TestKit.AccountId, ann.Id, ann.Id), (joined.AccountId, joined.UserId, joined.ActorId));
        Assert.Contains(kit.Logs.Entries, l => l.Id.Id == 1048);
    }

    [Fact]
    public async Task An_unverified_address_sees_nothing_and_is_refused_as_acceptance_refuses_it()
    {
        await using var kit = await VerifiedKitAsync();
        var ann = kit.User("ann@acme.example");
        Assert.Empty((await kit.Manager.ListJoinableAccountsAsync(Identity(ann, verified: false))).ShouldSucceed());
        (await kit.Manager.JoinAsync(Identity(ann, verified: false), TestKit.AccountId, TestKit.Product)).ShouldFailWith(InvitationErrorCode.EmailNotVerified);
        (await kit.Manager.JoinAsync(new SignedInIdentity(ann.Id, null, "github", true), TestKit.AccountId, TestKit.Product)).ShouldFailWith(InvitationErrorCode.EmailNotDisclosed);
        Assert.Null(await kit.Port.Members.FindMemberAsync(TestKit.AccountId, ann.Id, default));
    }

    [Fact]
    public async Task An_allowed_domain_an_unknown_account_and_another_domain_are_all_not_joinable()
    {
        await using var kit = await VerifiedKitAsync();
        var other = await kit.TenantAsync("globex");
        (await kit.Manager.SetEmailDomainsAsync(other, "globex", [new("acme.example", EmailDomainKind.Allowed)])).ShouldSucceed();
        var ann = kit.User("ann@acme.example");
        var bob = kit.User("bob@gmail.com");
        (await kit.Manager.JoinAsync(Identity(ann), "globex", TestKit.Product)).ShouldFailWith(InvitationErrorCode.NotJoinable);
        (await kit.Manager.JoinAsync(Identity(ann), "no-such-account", TestKit.Product)).ShouldFailWith(InvitationErrorCode.NotJoinable);
        (await kit.Manager.JoinAsync(Identity(bob), TestKit.AccountId, TestKit.Product)).ShouldFailWith(InvitationErrorCode.NotJoinable);
        Assert.Equal([TestKit.AccountId], (await kit.Manager.ListJoinableAccountsAsync(Identity(ann))).ShouldSucceed().Select(a => a.AccountId));
    }

    [Fact]
    public async Task A_disabled_user_is_refused_and_sees_nothing()
    {
        await using var kit = await VerifiedKitAsync();
        var ann = kit.Users.AddUser("ann@acme.example", UserState.Disabled);
        Assert.Empty((await kit.Manager.ListJoinableAccountsAsync(Identity(ann))).ShouldSucceed());
        (await kit.Manager.JoinAsync(Identity(ann), TestKit.AccountId, TestKit.Product)).ShouldFailWith(InvitationErrorCode.UserDisabled);
    }

    [Fact]
    public async Task A_join_respects_the_seat_limit_counting_pending_invitations()
    {
        await using var kit = await VerifiedKitAsync(userLimit: 2);
        await kit.InviteOneAsync("pending@acme.example");
        var ann = kit.User("ann@acme.example");
        var refused = (await kit.Manager.JoinAsync(Identity(ann), TestKit.AccountId, TestKit.Product)).ShouldFailWith(InvitationErrorCode.UserLimitExceeded);
        Assert.Equal(new SeatLimitDetails(2, 2, 1), refused[0].SeatLimit);
        Assert.Null(await kit.Port.Members.FindMemberAsync(TestKit.AccountId, ann.Id, default));
    }

    [Fact]
    public async Task A_single_account_product_refuses_and_a_latest_account_only_product_makes_the_account_active()
    {
        await using var kit = await VerifiedKitAsync();
        var ann = kit.User("ann@acme.example");
        (await kit.Manager.JoinAsync(Identity(ann), TestKit.AccountId, TestKit.SingleAccountProduct)).ShouldFailWith(InvitationErrorCode.ProductIsSingleAccount);
        (await kit.Manager.JoinAsync(Identity(ann), TestKit.AccountId, "no-such-product")).ShouldFailWith(InvitationErrorCode.ProductNotFound);
        (await kit.Manager.JoinAsync(Identity(ann), TestKit.AccountId, TestKit.LatestOnlyProduct)).ShouldSucceed();
        Assert.Equal(TestKit.AccountId, kit.Store.GetActiveAccount(ann.Id, TestKit.LatestOnlyProduct));
        Assert.Equal(new ActiveAccountChange(ann.Id, TestKit.LatestOnlyProduct, TestKit.AccountId, null), Assert.Single(kit.Events.ActiveAccountChanges));
    }

    [Fact]
    public async Task Joins_are_throttled_per_user()
    {
        await using var kit = await VerifiedKitAsync(o => o.RateLimits.JoinsPerUser = new RateLimitRule(2, Duration.FromMinutes(15)));
        var ann = kit.User("ann@acme.example");
        (await kit.Manager.JoinAsync(Identity(ann), "x1", TestKit.Product)).ShouldFailWith(InvitationErrorCode.NotJoinable);
        (await kit.Manager.JoinAsync(Identity(ann), "x2", TestKit.Product)).ShouldFailWith(InvitationErrorCode.NotJoinable);
        (await kit.Manager.JoinAsync(Identity(ann), TestKit.AccountId, TestKit.Product)).ShouldFailWith(InvitationErrorCode.RateLimited);
    }
}
