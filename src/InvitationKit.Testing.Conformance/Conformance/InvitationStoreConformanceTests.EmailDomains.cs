using InvitationKit.Ports;
using Xunit;

namespace InvitationKit.Testing.Conformance;

/// <summary>
/// The <see cref="IEmailDomainStore"/> role (the store class implements it beside its other roles): an account's domains
/// replaced whole and kept apart from other accounts', verified domains found across accounts, and joins that take a seat
/// atomically.
/// </summary>
public abstract partial class InvitationStoreConformanceTests
{
    /// <summary>The <see cref="IEmailDomainStore"/> role of <see cref="Stores"/>.</summary>
    protected IEmailDomainStore EmailDomains => EmailDomainsOf(Stores);

    /// <summary>Setting an account's domains replaces them whole; they read back ordered, and other accounts keep theirs.</summary>
    [StoreFact]
    public async Task Email_domains_are_replaced_whole_and_kept_per_account()
    {
        await EmailDomains.SetEmailDomainsAsync("acme", [new("b.example", EmailDomainKind.Allowed), new("a.example", EmailDomainKind.Verified)], default).ConfigureAwait(false);
        await EmailDomains.SetEmailDomainsAsync("other", [new("c.example", EmailDomainKind.Allowed)], default).ConfigureAwait(false);
        Assert.Equal([new EmailDomain("a.example", EmailDomainKind.Verified), new EmailDomain("b.example", EmailDomainKind.Allowed)],
            await EmailDomains.GetEmailDomainsAsync("acme", default).ConfigureAwait(false));

        await EmailDomains.SetEmailDomainsAsync("acme", [new("xn--bcher-kva.example", EmailDomainKind.Allowed)], default).ConfigureAwait(false);
        Assert.Equal([new EmailDomain("xn--bcher-kva.example", EmailDomainKind.Allowed)], await EmailDomains.GetEmailDomainsAsync("acme", default).ConfigureAwait(false));

        await EmailDomains.SetEmailDomainsAsync("acme", [], default).ConfigureAwait(false);
        Assert.Empty(await EmailDomains.GetEmailDomainsAsync("acme", default).ConfigureAwait(false));
        Assert.Equal([new EmailDomain("c.example", EmailDomainKind.Allowed)], await EmailDomains.GetEmailDomainsAsync("other", default).ConfigureAwait(false));
    }

    /// <summary>Only the accounts that verified a domain are found by it; an allowed domain makes no account joinable.</summary>
    [StoreFact]
    public async Task Accounts_are_found_by_their_verified_domains_only()
    {
        await EmailDomains.SetEmailDomainsAsync("b-acme", [new("acme.example", EmailDomainKind.Verified)], default).ConfigureAwait(false);
        await EmailDomains.SetEmailDomainsAsync("a-acme", [new("acme.example", EmailDomainKind.Verified), new("x.example", EmailDomainKind.Allowed)], default).ConfigureAwait(false);
        await EmailDomains.SetEmailDomainsAsync("allows", [new("acme.example", EmailDomainKind.Allowed)], default).ConfigureAwait(false);

        Assert.Equal(["a-acme", "b-acme"], await EmailDomains.FindAccountsByVerifiedDomainAsync("acme.example", default).ConfigureAwait(false));
        Assert.Empty(await EmailDomains.FindAccountsByVerifiedDomainAsync("x.example", default).ConfigureAwait(false));
        Assert.Empty(await EmailDomains.FindAccountsByVerifiedDomainAsync("ACME.example", default).ConfigureAwait(false)); // keys are compared exactly
    }

    /// <summary>A join adds the member within the limit, counting pending invitations; a member already, or a full account, changes nothing.</summary>
    [StoreFact]
    public async Task A_join_takes_a_free_seat_and_changes_nothing_otherwise()
    {
        await Members.TryAddFoundingOwnerAsync(new Member("acme", "owner", [], true, T0, null), default).ConfigureAwait(false);
        await InsertOneAsync("acme", "pending@example.com").ConfigureAwait(false);

        var full = await EmailDomains.JoinAsync(new DomainJoin(new Member("acme", "u1", [], false, T0, null), "p", 2, T0, false), default).ConfigureAwait(false);
        Assert.Equal((DomainJoinStatus.SeatsExhausted, 2), (full.Status, full.OccupiedSeats));
        Assert.Null(await Members.FindMemberAsync("acme", "u1", default).ConfigureAwait(false));

        var joined = await EmailDomains.JoinAsync(new DomainJoin(new Member("acme", "u1", ["VIEWER"], false, T0, null), "p", 3, T0, false), default).ConfigureAwait(false);
        Assert.Equal(DomainJoinStatus.Joined, joined.Status);
        AssertSameMember(new Member("acme", "u1", ["VIEWER"], false, T0, null), await Members.FindMemberAsync("acme", "u1", default).ConfigureAwait(false));

        var again = await EmailDomains.JoinAsync(new DomainJoin(new Member("acme", "u1", ["OTHER"], false, T0, null), "p", 100, T0, false), default).ConfigureAwait(false);
        Assert.Equal(DomainJoinStatus.AlreadyMember, again.Status);
        Assert.Equal(["VIEWER"], (await Members.FindMemberAsync("acme", "u1", default).ConfigureAwait(false))!.Roles);
    }

    /// <summary>A latest-account-only join makes the account the user's active one, as an acceptance does, and reports the one it superseded.</summary>
    [StoreFact]
    public async Task A_latest_account_only_join_makes_the_account_active()
    {
        await Members.TryAddFoundingOwnerAsync(new Member("mine", "u1", [], true, T0, null), default).ConfigureAwait(false);
        var first = await EmailDomains.JoinAsync(new DomainJoin(new Member("acme", "u1", [], false, T0, null), "p", 10, T0, true), default).ConfigureAwait(false);
        var second = await EmailDomains.JoinAsync(new DomainJoin(new Member("globex", "u1", [], false, T0, null), "p", 10, T0, true), default).ConfigureAwait(false);

        Assert.Equal((DomainJoinStatus.Joined, "mine"), (first.Status, first.SupersededAccountId));
        Assert.Equal((DomainJoinStatus.Joined, "acme"), (second.Status, second.SupersededAccountId));
        var third = await EmailDomains.JoinAsync(new DomainJoin(new Member("initech", "u1", [], false, T0, null), "p", 10, T0, false), default).ConfigureAwait(false);
        Assert.Null(third.SupersededAccountId);
    }

    /// <summary>Joins racing for one free seat across store instances: exactly one joins, every other is told the seats are taken.</summary>
    [StoreFact]
    public async Task Racing_joins_for_one_free_seat_add_exactly_one_member()
    {
        await Members.TryAddFoundingOwnerAsync(new Member("acme", "owner", [], true, T0, null), default).ConfigureAwait(false);
        var stores = await OpenManyAsync().ConfigureAwait(false);
        var results = await RaceAsync<DomainJoinStatus>(stores, (store, worker) => [Task.Run(async () =>
            (await EmailDomainsOf(store).JoinAsync(new DomainJoin(new Member("acme", $"w{worker}", [], false, T0, null), "p", 2, T0, false), default).ConfigureAwait(false)).Status)]).ConfigureAwait(false);

        Assert.Single(results, s => s == DomainJoinStatus.Joined);
        Assert.All(results.Where(s => s != DomainJoinStatus.Joined), s => Assert.Equal(DomainJoinStatus.SeatsExhausted, s));
        Assert.Equal(2, (await Members.ListMembersAsync("acme", 0, 100, default).ConfigureAwait(false)).TotalCount);
    }

    private static IEmailDomainStore EmailDomainsOf(InvitationStoreSet stores) =>
        stores.Invitations as IEmailDomainStore
            ?? throw new InvalidOperationException("The store does not implement IEmailDomainStore: implement it on the store class beside IInvitationStore.");
}
